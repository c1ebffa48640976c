package dev.fargatedoctor.flows;

import dev.fargatedoctor.snapshot.flows.FlowSummary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The local analyser: records go in one line at a time, straight from the read buffer, and come out
 * as the same tables the SQL analyses produce (interfaces, rejected flows, unanswered connections,
 * bytes between address classes). The hot path parses bytes in place: no regex, no String and no
 * object per record; memory is the bounded group tables.
 */
final class FlowAggregator {
  /**
   * Most groups the tables keep, over all partitions: past it the smallest groups are dropped to
   * make room (see {@link GroupTable}) and the rows say how much they may be short.
   */
  public static final int MAX_GROUPS = 250_000;

  /** Rows the summary keeps per table, the largest first: the SQL uses the same limit. */
  public static final int MAX_ROWS = 5_000;

  private static final long MISSING = -1;
  private static final long STRING_BASE = 1L << 33;
  private static final long NAMED_BASE = 1L << 34;
  private static final long PUBLIC_CLASS = 1L << 35;
  private static final long IPV6_CLASS = 1L << 36;

  /**
   * The id standing for every AWS service name past the 65,534th: with a real list of a few dozen
   * it is never reached, and hostile logs cannot spill a name into the key's direction bits.
   */
  static final int OTHER_SERVICES = 0xfffe;

  // rejected: records, packets, bytes, client port min, client port max, first start, last end
  private static final int R_RECORDS = 0, R_PACKETS = 1, R_BYTES = 2, R_CPMIN = 3, R_CPMAX = 4;
  private static final int R_FIRST = 5, R_LAST = 6;
  // connections: attempts, answers, packets, first start, last end, records
  private static final int C_ATTEMPTS = 0, C_ANSWERS = 1, C_PACKETS = 2, C_FIRST = 3, C_LAST = 4;
  private static final int C_RECORDS = 5;
  // traffic: records, packets, bytes
  private static final int T_RECORDS = 0, T_PACKETS = 1, T_BYTES = 2;

  private final AddressClasses classes;
  private final long from;
  private final long to;
  private final long notAfter;
  private final ByteDictionary interfaces = new ByteDictionary();
  private final ByteDictionary strings = new ByteDictionary();
  // The AWS service at the other end of a flow (pkt-src/dst-aws-service): a short published list,
  // kept apart from the other strings (task ids alone can number hundreds of thousands a day)
  // because a traffic key holds its id in 16 bits.
  private final ByteDictionary awsServices = new ByteDictionary();
  private GroupTable rejected;
  private GroupTable connections;
  private GroupTable traffic;

  // Per interface: OK records, NODATA, SKIPDATA, and the string ids of its constant fields.
  private long[] ifCounts = new long[3 * 256];
  private int[] ifMeta = new int[META * 256];
  private static final int META = 6; // vpc, subnet, az, ecs cluster, ecs service, ecs task

  private long records;
  private long noData;
  private long skipData;
  private long outsideWindow;
  private long skewed;
  private long firstStart = Long.MAX_VALUE;
  private long lastEnd = Long.MIN_VALUE;

  // The current format's field positions (-1: absent).
  private FlowFormat format;
  private int fields;
  private int pIface, pSrc, pDst, pSport, pDport, pProto, pPackets, pBytes, pStart, pEnd;
  private int pAction, pStatus, pFlags, pDir, pSrcSvc, pDstSvc;
  private final int[] pMeta = new int[META];
  private final int[] starts = new int[128];
  private final int[] ends = new int[128];

  /**
   * @param classes how public addresses fold in the byte counts
   * @param from first second of the window (inclusive), or {@code Long.MIN_VALUE}
   * @param to last second of the window (exclusive), or {@code Long.MAX_VALUE}
   * @param notAfter records starting after this are impossible (skewed clocks)
   * @param maxGroups groups each table keeps before it drops the smallest
   */
  FlowAggregator(AddressClasses classes, long from, long to, long notAfter, int maxGroups) {
    this.classes = classes;
    this.rejected = new GroupTable(7, R_RECORDS, R_RECORDS, maxGroups);
    this.connections = new GroupTable(6, C_RECORDS, C_RECORDS, maxGroups);
    this.traffic = new GroupTable(3, T_BYTES, T_RECORDS, maxGroups);
    this.from = from;
    this.to = to;
    this.notAfter = notAfter;
    Arrays.fill(ifMeta, -1);
    use(FlowFormat.DEFAULT);
  }

  /** Sets the format of the lines that follow. */
  public void use(FlowFormat f) {
    format = f;
    fields = f.size();
    pIface = f.position(Field.INTERFACE_ID);
    pSrc = f.position(Field.SRCADDR);
    pDst = f.position(Field.DSTADDR);
    pSport = f.position(Field.SRCPORT);
    pDport = f.position(Field.DSTPORT);
    pProto = f.position(Field.PROTOCOL);
    pPackets = f.position(Field.PACKETS);
    pBytes = f.position(Field.BYTES);
    pStart = f.position(Field.START);
    pEnd = f.position(Field.END);
    pAction = f.position(Field.ACTION);
    pStatus = f.position(Field.LOG_STATUS);
    pFlags = f.position(Field.TCP_FLAGS);
    pDir = f.position(Field.FLOW_DIRECTION);
    pSrcSvc = f.position(Field.PKT_SRC_AWS_SERVICE);
    pDstSvc = f.position(Field.PKT_DST_AWS_SERVICE);
    pMeta[0] = f.position(Field.VPC_ID);
    pMeta[1] = f.position(Field.SUBNET_ID);
    pMeta[2] = f.position(Field.AZ_ID);
    pMeta[3] = f.position(Field.ECS_CLUSTER_NAME);
    pMeta[4] = f.position(Field.ECS_SERVICE_NAME);
    pMeta[5] = f.position(Field.ECS_TASK_ID);
  }

  public FlowFormat format() {
    return format;
  }

  /** What became of a line. */
  public enum Outcome {
    RECORD,
    NO_DATA,
    SKIP_DATA,
    OUTSIDE_WINDOW,
    SKEWED,
    WRONG_FIELD_COUNT,
    BAD_VALUE,
    EMPTY
  }

  /**
   * Reads the line that starts at {@code start} and ends at the next newline or {@code limit}: one
   * pass finds the fields and the end, which {@link #lineEnd()} gives after.
   */
  Outcome acceptLine(byte[] buf, int start, int limit) {
    int n = splitLine(buf, start, limit);
    if (n == 0) {
      int end = lineEnd > start && buf[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
      if (end == start) return Outcome.EMPTY; // spaces alone are a line of the wrong shape
    }
    return fields(buf, n);
  }

  /** Where the line {@link #acceptLine} read ended: its newline, or the limit. */
  int lineEnd() {
    return lineEnd;
  }

  private Outcome fields(byte[] buf, int n) {
    if (n != fields) return Outcome.WRONG_FIELD_COUNT;
    if (isDash(buf, pIface)) return Outcome.BAD_VALUE;
    long st = pStart < 0 ? MISSING : number(buf, pStart);
    long en = pEnd < 0 ? MISSING : number(buf, pEnd);
    if (st == Long.MIN_VALUE || en == Long.MIN_VALUE) return Outcome.BAD_VALUE;
    if (st >= 0 && en >= 0 && en < st) {
      skewed++;
      return Outcome.SKEWED;
    }
    if (st > notAfter) {
      skewed++;
      return Outcome.SKEWED;
    }
    if (st >= 0 && (st < from || st >= to)) {
      outsideWindow++;
      return Outcome.OUTSIDE_WINDOW;
    }
    int status = pStatus < 0 ? 0 : status(buf, pStatus);
    if (status < 0) return Outcome.BAD_VALUE;
    int iface = interfaces.id(buf, starts[pIface], ends[pIface]);
    ensureInterface(iface);
    meta(buf, iface);
    if (status == 1) {
      noData++;
      ifCounts[iface * 3 + 1]++;
      return Outcome.NO_DATA;
    }
    if (status == 2) {
      skipData++;
      ifCounts[iface * 3 + 2]++;
      return Outcome.SKIP_DATA;
    }
    records++;
    ifCounts[iface * 3]++;
    if (st >= 0 && st < firstStart) firstStart = st;
    if (en > lastEnd) lastEnd = en;
    long src = address(buf, pSrc);
    long dst = address(buf, pDst);
    if (src == MISSING || dst == MISSING) return Outcome.RECORD;
    int action = pAction < 0 ? 0 : action(buf, pAction); // 0 accept, 1 reject, -1 other
    int sport = (int) orZero(buf, pSport);
    int dport = (int) orZero(buf, pDport);
    int proto = pProto < 0 || isDash(buf, pProto) ? -1 : (int) number(buf, pProto);
    long packets = orZero(buf, pPackets);
    long bytes = orZero(buf, pBytes);
    if (sport < 0 || dport < 0 || sport > 65535 || dport > 65535 || proto > 255) {
      return Outcome.BAD_VALUE;
    }
    if (packets < 0 || bytes < 0 || proto < -1) return Outcome.BAD_VALUE;
    int dir = pDir < 0 ? 0 : direction(buf, pDir);
    boolean serverIsDst = dport <= sport;
    int servicePort = Math.min(sport, dport);
    int clientPort = Math.max(sport, dport);
    long first = st;
    long last = en;

    long rejKey = 0;
    if (action == 1) {
      rejKey = iface | ((long) (proto & 0xff) << 32) | ((long) servicePort << 40);
      rejKey |= (serverIsDst ? 1L : 0L) << 56 | ((long) dir << 57);
    }
    long client = serverIsDst ? src : dst;
    long server = serverIsDst ? dst : src;
    long connKey = iface | ((long) servicePort << 32);
    int connKind = 0;
    if (proto == 6) {
      long flags = pFlags < 0 ? MISSING : number(buf, pFlags);
      if (serverIsDst) {
        boolean attempt = action == 0 && (pFlags < 0 || (flags % 4 >= 2 && flags % 32 < 16));
        if (attempt) connKind = 1;
      } else if (pFlags < 0 || (flags % 4 >= 2 && flags % 32 >= 16) || flags % 8 >= 4) {
        connKind = 2;
      }
    }
    long tSrc = 0;
    long tDst = 0;
    long tKey = 0;
    if (action == 0) {
      int svc = service(buf);
      tKey = iface | ((long) (svc + 1) << 32) | ((long) dir << 48);
      tSrc = fold(src);
      tDst = fold(dst);
    }
    // Touch this record's slots, then update the previous record's, touched one record ago: the
    // cache misses of the (far larger than cache) tables overlap with parsing instead of stalling.
    long touched = 0;
    if (action == 1) touched += rejected.touch(src, dst, rejKey);
    if (proto == 6) touched += connections.touch(client, server, connKey);
    if (action == 0) touched += traffic.touch(tSrc, tDst, tKey);
    sink += touched;
    flush();
    pending = true;
    qRej = action == 1;
    qConn = proto == 6;
    qTraffic = action == 0;
    qSrc = src;
    qDst = dst;
    qRejKey = rejKey;
    qClient = client;
    qServer = server;
    qConnKey = connKey;
    qConnKind = connKind;
    qTSrc = tSrc;
    qTDst = tDst;
    qTKey = tKey;
    qPackets = packets;
    qBytes = bytes;
    qFirst = first;
    qLast = last;
    qClientPort = clientPort;
    return Outcome.RECORD;
  }

  // The record parsed last, whose table updates wait for the next record (or a flush).
  private boolean pending;
  private boolean qRej;
  private boolean qConn;
  private boolean qTraffic;
  private long qSrc;
  private long qDst;
  private long qRejKey;
  private long qClient;
  private long qServer;
  private long qConnKey;
  private int qConnKind; // 1 an attempt, 2 an answer, 0 neither
  private long qTSrc;
  private long qTDst;
  private long qTKey;
  private long qPackets;
  private long qBytes;
  private long qFirst;
  private long qLast;
  private int qClientPort;
  private long sink;

  /** Applies the last record's table updates: every chunk ends with this. */
  void flush() {
    if (!pending) return;
    pending = false;
    long first = qFirst;
    long last = qLast;
    if (qRej) {
      int o = rejected.slot(qSrc, qDst, qRejKey);
      long[] v = rejected.values();
      if (rejected.created()) {
        v[o + R_CPMIN] = qClientPort;
        v[o + R_CPMAX] = qClientPort;
        v[o + R_FIRST] = first;
        v[o + R_LAST] = last;
      }
      v[o + R_RECORDS]++;
      v[o + R_PACKETS] += qPackets;
      v[o + R_BYTES] += qBytes;
      if (qClientPort < v[o + R_CPMIN]) v[o + R_CPMIN] = qClientPort;
      if (qClientPort > v[o + R_CPMAX]) v[o + R_CPMAX] = qClientPort;
      if (first < v[o + R_FIRST]) v[o + R_FIRST] = first;
      if (last > v[o + R_LAST]) v[o + R_LAST] = last;
    }
    if (qConn) {
      int o = connections.slot(qClient, qServer, qConnKey);
      long[] v = connections.values();
      if (connections.created()) {
        v[o + C_FIRST] = first;
        v[o + C_LAST] = last;
      }
      v[o + C_RECORDS]++;
      if (qConnKind == 1) {
        v[o + C_ATTEMPTS]++;
        v[o + C_PACKETS] += qPackets;
      } else if (qConnKind == 2) {
        v[o + C_ANSWERS]++;
      }
      if (first < v[o + C_FIRST]) v[o + C_FIRST] = first;
      if (last > v[o + C_LAST]) v[o + C_LAST] = last;
    }
    if (qTraffic) {
      int o = traffic.slot(qTSrc, qTDst, qTKey);
      long[] v = traffic.values();
      v[o + T_RECORDS]++;
      v[o + T_PACKETS] += qPackets;
      v[o + T_BYTES] += qBytes;
    }
  }

  // --- parsing helpers: fields are [starts[i], ends[i]) of the current line ---

  private int lineEnd;

  // split, up to the newline: a carriage return before it is no part of the last field.
  private int splitLine(byte[] b, int start, int limit) {
    int n = 0;
    int i = start;
    byte c = 0;
    while (i < limit && ((c = b[i]) == ' ' || c == '\t')) i++;
    while (i < limit && b[i] != '\n') {
      if (n == starts.length) {
        while (i < limit && b[i] != '\n') i++;
        lineEnd = i;
        return -1;
      }
      starts[n] = i;
      while (i < limit && (c = b[i]) != ' ' && c != '\t' && c != '\n') i++;
      ends[n++] = i;
      while (i < limit && ((c = b[i]) == ' ' || c == '\t')) i++;
    }
    lineEnd = i;
    if (n > 0 && b[ends[n - 1] - 1] == '\r') {
      if (--ends[n - 1] == starts[n - 1]) n--;
    }
    return n;
  }

  private boolean isDash(byte[] b, int field) {
    return ends[field] - starts[field] == 1 && b[starts[field]] == '-';
  }

  /** A non-negative number, -1 for '-', Long.MIN_VALUE for anything else. */
  private long number(byte[] b, int field) {
    int s = starts[field];
    int e = ends[field];
    if (e - s == 1 && b[s] == '-') return MISSING;
    if (e - s > 18) return Long.MIN_VALUE;
    long v = 0;
    for (int i = s; i < e; i++) {
      int c = b[i] - '0';
      if (c < 0 || c > 9) return Long.MIN_VALUE;
      v = v * 10 + c;
    }
    return v;
  }

  private long orZero(byte[] b, int field) {
    if (field < 0) return 0;
    long v = number(b, field);
    return v == MISSING ? 0 : v;
  }

  /** 0 OK, 1 NODATA, 2 SKIPDATA, -1 other. */
  private int status(byte[] b, int field) {
    int s = starts[field];
    int len = ends[field] - s;
    if (len == 2 && b[s] == 'O' && b[s + 1] == 'K') return 0;
    if (len == 6 && b[s] == 'N' && b[s + 2] == 'D') return 1;
    if (len == 8 && b[s] == 'S' && b[s + 4] == 'D') return 2;
    return -1;
  }

  /** 0 ACCEPT, 1 REJECT, -1 other. */
  private int action(byte[] b, int field) {
    int s = starts[field];
    if (ends[field] - s != 6) return -1;
    if (b[s] == 'A' && b[s + 1] == 'C') return 0;
    if (b[s] == 'R' && b[s + 1] == 'E') return 1;
    return -1;
  }

  /** 0 absent, 1 ingress, 2 egress. */
  private int direction(byte[] b, int field) {
    int s = starts[field];
    int len = ends[field] - s;
    if (len == 7 && b[s] == 'i') return 1;
    if (len == 6 && b[s] == 'e') return 2;
    return 0;
  }

  private long address(byte[] b, int field) {
    if (isDash(b, field)) return MISSING;
    long ip = Ipv4.parse(b, starts[field], ends[field]);
    return ip >= 0 ? ip : STRING_BASE + strings.id(b, starts[field], ends[field]);
  }

  private long fold(long address) {
    if (address >= STRING_BASE) {
      byte[] text = strings.bytes((int) (address - STRING_BASE));
      for (byte c : text) if (c == ':') return IPV6_CLASS;
      return address;
    }
    if (classes.keeps(address)) return address;
    int named = classes.named(address);
    return named >= 0 ? NAMED_BASE + named : PUBLIC_CLASS;
  }

  /** pkt-dst-aws-service, else pkt-src-aws-service, as a string id; -1 when neither. */
  private int service(byte[] b) {
    if (pDstSvc >= 0 && !isDash(b, pDstSvc))
      return Math.min(OTHER_SERVICES, awsServices.id(b, starts[pDstSvc], ends[pDstSvc]));
    if (pSrcSvc >= 0 && !isDash(b, pSrcSvc))
      return Math.min(OTHER_SERVICES, awsServices.id(b, starts[pSrcSvc], ends[pSrcSvc]));
    return -1;
  }

  private String serviceText(int id) {
    return id == OTHER_SERVICES
        ? "(one of more than " + OTHER_SERVICES + " AWS service names)"
        : awsServices.text(id);
  }

  private void ensureInterface(int iface) {
    if ((iface + 1) * 3 > ifCounts.length) {
      int n = Math.max(iface + 1, ifCounts.length / 3 * 2);
      ifCounts = Arrays.copyOf(ifCounts, n * 3);
      int old = ifMeta.length;
      ifMeta = Arrays.copyOf(ifMeta, n * META);
      Arrays.fill(ifMeta, old, ifMeta.length, -1);
    }
  }

  /** Keeps the least value of each constant field, as SQL's MIN does. */
  private void meta(byte[] b, int iface) {
    for (int m = 0; m < META; m++) {
      int p = pMeta[m];
      if (p < 0 || isDash(b, p)) continue;
      int current = ifMeta[iface * META + m];
      if (current >= 0) {
        byte[] have = strings.bytes(current);
        int cmp = Arrays.compareUnsigned(b, starts[p], ends[p], have, 0, have.length);
        if (cmp >= 0) continue;
      }
      ifMeta[iface * META + m] = strings.id(b, starts[p], ends[p]);
    }
  }

  // --- results ---

  public long records() {
    return records;
  }

  public long noData() {
    return noData;
  }

  public long skipData() {
    return skipData;
  }

  public long outsideWindow() {
    return outsideWindow;
  }

  public long skewed() {
    return skewed;
  }

  /** Records of groups dropped from the tables to make room (a record counts once per table). */
  public long overflow() {
    return rejected.droppedRecords() + connections.droppedRecords() + traffic.droppedRecords();
  }

  /**
   * First start and last end of the records since the last call, or null when none had times: one
   * source's period.
   */
  public long[] takeSpan() {
    long[] span = firstStart == Long.MAX_VALUE ? null : new long[] {firstStart, lastEnd};
    firstStart = Long.MAX_VALUE;
    lastEnd = Long.MIN_VALUE;
    return span;
  }

  /**
   * Adds another aggregator's counts and groups to this one's (the other is spent): partitions of
   * the records read on separate threads become one. Sums add, first and last times take the
   * extremes, and bounds add up, so merging what was read apart gives what reading it together
   * would have, exactly while nothing was dropped.
   */
  void merge(FlowAggregator other) {
    flush();
    other.flush();
    records += other.records;
    noData += other.noData;
    skipData += other.skipData;
    outsideWindow += other.outsideWindow;
    skewed += other.skewed;
    int[] ifaceIds = new int[other.interfaces.size()];
    for (int i = 0; i < ifaceIds.length; i++) {
      byte[] id = other.interfaces.bytes(i);
      ifaceIds[i] = interfaces.id(id, 0, id.length);
      ensureInterface(ifaceIds[i]);
      for (int k = 0; k < 3; k++) ifCounts[ifaceIds[i] * 3 + k] += other.ifCounts[i * 3 + k];
      for (int m = 0; m < META; m++) {
        int theirs = other.ifMeta[i * META + m];
        if (theirs < 0) continue;
        byte[] value = other.strings.bytes(theirs);
        int mine = ifMeta[ifaceIds[i] * META + m];
        if (mine < 0 || Arrays.compareUnsigned(value, strings.bytes(mine)) < 0) {
          ifMeta[ifaceIds[i] * META + m] = strings.id(value, 0, value.length);
        }
      }
    }
    int[] stringIds = new int[other.strings.size()];
    for (int i = 0; i < stringIds.length; i++) {
      byte[] b = other.strings.bytes(i);
      stringIds[i] = strings.id(b, 0, b.length);
    }
    int[] serviceIds = new int[other.awsServices.size()];
    for (int i = 0; i < serviceIds.length; i++) {
      byte[] b = other.awsServices.bytes(i);
      serviceIds[i] = Math.min(OTHER_SERVICES, awsServices.id(b, 0, b.length));
    }
    mergeTable(rejected, other.rejected, ifaceIds, stringIds, null, REJECTED_MERGE);
    other.rejected = null;
    mergeTable(connections, other.connections, ifaceIds, stringIds, null, CONNECTIONS_MERGE);
    other.connections = null;
    mergeTable(traffic, other.traffic, ifaceIds, stringIds, serviceIds, TRAFFIC_MERGE);
    other.traffic = null;
  }

  private static final int SUM = 0, MIN = 1, MAX = 2;
  private static final int[] REJECTED_MERGE = {SUM, SUM, SUM, MIN, MAX, MIN, MAX};
  private static final int[] CONNECTIONS_MERGE = {SUM, SUM, SUM, MIN, MAX, SUM};
  private static final int[] TRAFFIC_MERGE = {SUM, SUM, SUM};

  private static void mergeTable(
      GroupTable into,
      GroupTable from,
      int[] ifaceIds,
      int[] stringIds,
      int[] serviceIds,
      int[] how) {
    long floorInto = into.floor();
    long floorFrom = from.floor();
    into.allow(into.size() + from.size());
    // A group only here may have had up to the other table's floor there, and the reverse.
    into.addToBounds(floorFrom);
    long[] f = from.values();
    from.forEach(
        o -> {
          long c = from.key(o, 2);
          long iface = ifaceIds[(int) (c & 0xffffffffL)];
          c = (c & ~0xffffffffL) | iface;
          if (serviceIds != null) {
            int id = (int) ((c >>> 32) & 0xffff) - 1;
            int mine = id < 0 ? -1 : id >= OTHER_SERVICES ? OTHER_SERVICES : serviceIds[id];
            c = (c & ~(0xffffL << 32)) | ((long) (mine + 1) << 32);
          }
          int t =
              into.slot(address(from.key(o, 0), stringIds), address(from.key(o, 1), stringIds), c);
          long[] v = into.values();
          if (into.created()) {
            System.arraycopy(f, o, v, t, how.length);
            into.bound(t, from.bound(o) + floorInto);
            return;
          }
          for (int k = 0; k < how.length; k++) {
            long mine = v[t + k];
            long theirs = f[o + k];
            v[t + k] =
                how[k] == SUM
                    ? mine + theirs
                    : how[k] == MIN ? Math.min(mine, theirs) : Math.max(mine, theirs);
          }
          into.bound(t, into.bound(t) - floorFrom + from.bound(o));
        });
    into.addToFloor(floorFrom);
    into.addDropped(from.droppedRecords());
  }

  private static long address(long key, int[] stringIds) {
    if (key >= STRING_BASE && key < NAMED_BASE)
      return STRING_BASE + stringIds[(int) (key - STRING_BASE)];
    return key;
  }

  /** The tables, sorted and capped as the SQL sorts and caps them. */
  public FlowTables tables() {
    flush();
    List<FlowSummary.InterfaceRow> ifRows = new ArrayList<>();
    for (int i = 0; i < interfaces.size(); i++) {
      ifRows.add(
          new FlowSummary.InterfaceRow(
              interfaces.text(i),
              meta(i, 0),
              meta(i, 1),
              meta(i, 2),
              meta(i, 3),
              meta(i, 4),
              meta(i, 5),
              ifCounts[i * 3],
              ifCounts[i * 3 + 1],
              ifCounts[i * 3 + 2]));
    }
    TopRows<FlowSummary.RejectedRow> rej =
        new TopRows<>(MAX_ROWS, FlowTables.REJECTED, FlowSummary.RejectedRow::records);
    rejected.forEach(
        o -> {
          long c = rejected.key(o, 2);
          long[] v = rejected.values();
          int proto = (int) ((c >>> 32) & 0xff);
          rej.offer(
              v[o + R_RECORDS],
              () ->
                  new FlowSummary.RejectedRow(
                      interfaces.text((int) (c & 0xffffffffL)),
                      text(rejected.key(o, 0)),
                      text(rejected.key(o, 1)),
                      proto == 255 ? -1 : proto,
                      (int) ((c >>> 40) & 0xffff),
                      ((c >>> 56) & 1) == 1,
                      directionText((int) ((c >>> 57) & 3)),
                      v[o + R_RECORDS],
                      v[o + R_PACKETS],
                      v[o + R_BYTES],
                      (int) v[o + R_CPMIN],
                      (int) v[o + R_CPMAX],
                      v[o + R_FIRST],
                      v[o + R_LAST],
                      rejected.bound(o)));
        });
    TopRows<FlowSummary.NoReplyRow> noReply =
        new TopRows<>(MAX_ROWS, FlowTables.NO_REPLY, FlowSummary.NoReplyRow::unanswered);
    connections.forEach(
        o -> {
          long[] v = connections.values();
          if (v[o + C_ATTEMPTS] <= v[o + C_ANSWERS]) return;
          long c = connections.key(o, 2);
          noReply.offer(
              v[o + C_ATTEMPTS] - v[o + C_ANSWERS],
              () ->
                  new FlowSummary.NoReplyRow(
                      interfaces.text((int) (c & 0xffffffffL)),
                      text(connections.key(o, 0)),
                      text(connections.key(o, 1)),
                      (int) (c >>> 32),
                      v[o + C_ATTEMPTS],
                      v[o + C_ANSWERS],
                      v[o + C_PACKETS],
                      v[o + C_FIRST],
                      v[o + C_LAST],
                      connections.bound(o)));
        });
    TopRows<FlowSummary.TrafficRow> tr =
        new TopRows<>(MAX_ROWS * 4, FlowTables.TRAFFIC, FlowSummary.TrafficRow::bytes);
    traffic.forEach(
        o -> {
          long c = traffic.key(o, 2);
          long[] v = traffic.values();
          int svc = (int) ((c >>> 32) & 0xffff) - 1;
          tr.offer(
              v[o + T_BYTES],
              () ->
                  new FlowSummary.TrafficRow(
                      interfaces.text((int) (c & 0xffffffffL)),
                      classText(traffic.key(o, 0)),
                      classText(traffic.key(o, 1)),
                      svc < 0 ? null : serviceText(svc),
                      directionText((int) ((c >>> 48) & 3)),
                      v[o + T_RECORDS],
                      v[o + T_PACKETS],
                      v[o + T_BYTES],
                      traffic.bound(o)));
        });
    return FlowTables.ordered(ifRows, rej.rows(), noReply.rows(), tr.rows());
  }

  private String meta(int iface, int m) {
    int id = ifMeta[iface * META + m];
    return id < 0 ? null : strings.text(id);
  }

  private String text(long address) {
    if (address >= STRING_BASE) return strings.text((int) (address - STRING_BASE));
    return Ipv4.format(address);
  }

  private String classText(long c) {
    if (c == PUBLIC_CLASS) return AddressClasses.PUBLIC;
    if (c == IPV6_CLASS) return AddressClasses.IPV6;
    if (c >= NAMED_BASE) return classes.label((int) (c - NAMED_BASE));
    return text(c);
  }

  private static String directionText(int d) {
    return d == 1 ? "ingress" : d == 2 ? "egress" : null;
  }
}

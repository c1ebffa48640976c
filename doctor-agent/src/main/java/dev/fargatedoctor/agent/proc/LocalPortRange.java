package dev.fargatedoctor.agent.proc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The ports the kernel picks from for the local end of an outgoing connection ({@code
 * net.ipv4.ip_local_port_range}). A port in it names one connection, not a service: the agent never
 * groups, labels or counts by such a port.
 */
public record LocalPortRange(int low, int high) {

  /** Linux's default range, used when the sysctl cannot be read. */
  public static final LocalPortRange LINUX_DEFAULT = new LocalPortRange(32768, 60999);

  /** The range from {@code <procRoot>/sys/net/ipv4/ip_local_port_range}, else the default. */
  public static LocalPortRange read(Path procRoot) {
    try {
      String[] range =
          Files.readString(procRoot.resolve("sys/net/ipv4/ip_local_port_range"))
              .trim()
              .split("\\s+");
      int low = Integer.parseInt(range[0]);
      int high = Integer.parseInt(range[1]);
      return low >= 1 && low <= high && high <= 65535
          ? new LocalPortRange(low, high)
          : LINUX_DEFAULT;
    } catch (IOException | RuntimeException unreadable) {
      return LINUX_DEFAULT;
    }
  }

  /** IANA's dynamic ports, where most other systems (Windows, macOS, BSD) pick theirs. */
  public static final int IANA_DYNAMIC_LOW = 49152;

  public boolean contains(int port) {
    return port >= low && port <= high;
  }

  /**
   * Whether a remote port may be another host's ephemeral port: in this kernel's range (another
   * Linux host likely uses the same), or in IANA's dynamic range.
   */
  public boolean mayBeRemoteEphemeral(int port) {
    return contains(port) || (port >= IANA_DYNAMIC_LOW && port <= 65535);
  }

  public int size() {
    return high - low + 1;
  }
}

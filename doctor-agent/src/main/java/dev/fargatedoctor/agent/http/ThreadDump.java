package dev.fargatedoctor.agent.http;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.EnumMap;
import java.util.Map;

/**
 * A jstack-like dump of the JVM the agent runs in (-javaagent mode), with full stacks - {@link
 * ThreadInfo#toString()} cuts them at 8 frames - and a count by state first, since "200 threads
 * BLOCKED" is usually the finding.
 */
final class ThreadDump {

  private ThreadDump() {}

  static String render() {
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    ThreadInfo[] threads =
        bean.dumpAllThreads(
            bean.isObjectMonitorUsageSupported(), bean.isSynchronizerUsageSupported());
    Map<Thread.State, Integer> byState = new EnumMap<>(Thread.State.class);
    for (ThreadInfo t : threads) {
      byState.merge(t.getThreadState(), 1, Integer::sum);
    }
    StringBuilder out = new StringBuilder(16 * 1024);
    out.append("threads: ").append(threads.length).append(' ').append(byState).append('\n');
    long[] deadlocked = bean.findDeadlockedThreads();
    if (deadlocked != null) {
      out.append("DEADLOCK between ").append(deadlocked.length).append(" threads\n");
    }
    for (ThreadInfo t : threads) {
      out.append('\n')
          .append('"')
          .append(visible(t.getThreadName()))
          .append("\" #")
          .append(t.getThreadId())
          .append(t.isDaemon() ? " daemon" : "")
          .append(" prio=")
          .append(t.getPriority())
          .append(' ')
          .append(t.getThreadState());
      if (t.getLockName() != null) {
        out.append(" on ").append(t.getLockName());
      }
      if (t.getLockOwnerName() != null) {
        out.append(" owned by \"")
            .append(visible(t.getLockOwnerName()))
            .append("\" #")
            .append(t.getLockOwnerId());
      }
      out.append('\n');
      StackTraceElement[] stack = t.getStackTrace();
      MonitorInfo[] monitors = t.getLockedMonitors();
      for (int i = 0; i < stack.length; i++) {
        out.append("\tat ").append(stack[i]).append('\n');
        for (MonitorInfo m : monitors) {
          if (m.getLockedStackDepth() == i) {
            out.append("\t- locked ").append(m).append('\n');
          }
        }
      }
      LockInfo[] synchronizers = t.getLockedSynchronizers();
      if (synchronizers.length > 0) {
        out.append("\tLocked synchronizers:\n");
        for (LockInfo lock : synchronizers) {
          out.append("\t- ").append(lock).append('\n');
        }
      }
    }
    return controlsReplaced(out.toString(), true);
  }

  /** A name as one visible line: any code in the JVM names its threads. */
  private static String visible(String name) {
    return controlsReplaced(name, false);
  }

  /**
   * C0 and C1 control characters and DEL as U+FFFD, so that reading the dump with curl in a
   * terminal cannot move the cursor or retitle the window; line breaks and tabs are kept only where
   * the dump itself puts them.
   */
  static String controlsReplaced(String text, boolean keepLayout) {
    StringBuilder sb = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean layout = keepLayout && (c == '\n' || c == '\t');
      sb.append(!layout && (c < 0x20 || (c >= 0x7f && c < 0xa0)) ? '\ufffd' : c);
    }
    return sb.toString();
  }
}

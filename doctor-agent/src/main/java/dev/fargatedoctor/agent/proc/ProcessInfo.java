package dev.fargatedoctor.agent.proc;

/**
 * What the agent shows about one process.
 *
 * @param name the kernel's short name ({@code Name:} in status), safe for metric labels
 * @param commandLine the redacted command line (see {@link CommandLines}); empty for kernel threads
 * @param rssBytes VmRSS, or -1 when the kernel reports none
 * @param maxOpenFiles the soft "Max open files" limit, or -1 when unlimited or unknown
 */
public record ProcessInfo(
    int pid, String name, String commandLine, long rssBytes, long maxOpenFiles, int threads) {}

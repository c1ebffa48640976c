package dev.fargatedoctor.agent.proc;

/**
 * One row of /proc/net/tcp or /proc/net/tcp6.
 *
 * @param inode the socket inode; 0 for sockets no process holds any more (TIME_WAIT, orphans)
 * @param uid the effective uid that created the socket
 */
public record TcpConnection(Endpoint local, Endpoint remote, TcpState state, int uid, long inode) {}

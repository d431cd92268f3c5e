import type { Socket } from 'node:net';

/**
 * A TCP RST where Node can send one. `resetAndDestroy()` fails (EINVAL) while the socket's own end is
 * being sent, which is the case as soon as the peer has half-closed (Node ends the socket at once), and
 * Node then never closes the handle: the socket stays open for good. Such a socket is destroyed instead.
 */
export function resetSocket(socket: Socket): void {
  if (socket.destroyed) return;
  if (socket.writableEnded || socket.readableEnded) socket.destroy();
  else socket.resetAndDestroy();
}

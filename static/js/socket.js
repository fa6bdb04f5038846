// The server connection: the official Socket.IO client (npm socket.io-client, served from
// static/vendor/). Each browser keeps one random id in localStorage ("sim-client-id") and
// sends it as `auth: {client: ID}`, the server's per-browser key for fairness limits
// (docs/DESIGN.md, contracts). Every request carries an `id` that its answers echo.
// The client library loads and connects when `open()` is called or at the first request, so
// it is not on the page's start-up path.

const CLIENT_ID_KEY = 'sim-client-id';

/** This browser's id: 32 random hex digits, made once and kept in localStorage. */
export function clientId() {
  let id = null;
  try { id = localStorage.getItem(CLIENT_ID_KEY); } catch (e) { /* storage disabled */ }
  if (!/^[0-9a-f]{32}$/.test(id || '')) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    id = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    try { localStorage.setItem(CLIENT_ID_KEY, id); } catch (e) { /* this page only */ }
  }
  return id;
}

export function connect() {
  const waiters = new Map();
  let nextId = 1;
  let opening = null;

  function open() {
    if (opening) return opening;
    opening = import('socket.io-client').then(({ io }) => {
      const socket = io({
        auth: { client: clientId() },
        transports: ['websocket', 'polling'],  // websocket first; long-polling if a proxy blocks it
        tryAllTransports: true,
      });
      socket.onAny((event, payload) => {
        const id = payload && typeof payload === 'object' ? payload.id : undefined;
        const waiter = id != null ? waiters.get(id) : undefined;
        if (waiter) waiter(event, payload);
      });
      socket.on('disconnect', () => {
        for (const [id, waiter] of waiters) {
          waiters.delete(id);
          waiter('error_message', { message: 'lost the connection to the server: try again' });
        }
      });
      return socket;
    });
    return opening;
  }

  /**
   * Send `event` and resolve with the first answer named in `answers` that echoes the id;
   * `error_message` rejects; other answers with the id (progress) go to `onOther`, which may
   * return an Error to end the request with it.
   */
  async function request(event, payload, answers, onOther) {
    const socket = await open();
    const id = 'r' + nextId++;
    return new Promise((resolve, reject) => {
      waiters.set(id, (name, data) => {
        if (name === 'error_message') { waiters.delete(id); reject(new Error(data.message)); }
        else if (answers.includes(name)) { waiters.delete(id); resolve(data); }
        else if (onOther) {
          const end = onOther(name, data);  // an Error ends the request (a refusal)
          if (end instanceof Error) { waiters.delete(id); reject(end); }
        }
      });
      socket.emit(event, { id, ...payload });
    });
  }

  return { open, request };
}

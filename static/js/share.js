// Share links: the program's files and board, deflated into the URL's fragment (never sent
// to the server). `#p=` holds {v: 1, board, files}; the older `#src=` (main.cpp only) still
// opens. A link opens the code in the editor marked as someone else's program; it runs only
// when the user presses Run, and then only inside the isolated runner.
const MAX_LINK_FILES = 8;
const MAX_TEXT = 512 << 10;

function toBase64Url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function deflate(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function inflate(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  const reader = stream.getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_TEXT) { reader.cancel(); throw new Error('the program in the link is too large'); }
    chunks.push(value);
  }
  return new TextDecoder('utf-8', { fatal: true }).decode(await new Blob(chunks).arrayBuffer());
}

/** The link for these files on this board. */
export async function makeLink(files, board) {
  const packed = await deflate(JSON.stringify({ v: 1, board, files }));
  return location.origin + location.pathname + '#p=' + toBase64Url(packed);
}

/**
 * The program in a location hash: {files, board} or null when the hash holds none; throws
 * with a message when the link is damaged.
 */
export async function readLink(hash, fileNameRe, boards) {
  if (hash.startsWith('#src=')) {
    return { files: { 'main.cpp': await inflate(fromBase64Url(hash.slice(5))) }, board: null };
  }
  if (!hash.startsWith('#p=')) return null;
  const data = JSON.parse(await inflate(fromBase64Url(hash.slice(3))));
  if (!data || data.v !== 1 || typeof data.files !== 'object' || !data.files) throw new Error('unknown link format');
  const names = Object.keys(data.files);
  if (!names.length || names.length > MAX_LINK_FILES) throw new Error('the link holds no files or too many');
  for (const name of names) {
    if (!fileNameRe.test(name) || typeof data.files[name] !== 'string') throw new Error('bad file in the link: ' + name.slice(0, 80));
  }
  const board = Object.prototype.hasOwnProperty.call(boards, data.board) ? data.board : null;
  return { files: data.files, board };
}

// The Socket.IO client, bundled by setup.sh (esbuild, browser build) into
// static/vendor/socket.io.js. Its prebuilt dist/socket.io.esm.min.js leaves out binary
// attachments, which the `digit` answer uses, so the package's ES modules are bundled instead.
export { io } from 'socket.io-client';

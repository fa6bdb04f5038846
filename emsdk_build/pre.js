// Runs before the program: route stdout (printf, BufferedSerial) to the page's serial
// console hook, keeping newlines, when the page provides one.
if (Module['onSerial']) {
  Module['print'] = function (text) { Module['onSerial'](text + '\n'); };
  Module['printErr'] = function (text) { Module['onSerial'](text + '\n'); };
}

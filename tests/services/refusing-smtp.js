// A real SMTP server (nodemailer's smtp-server) that refuses every address at nowhere.test with
// "550 5.1.1 mailbox unavailable" and accepts (and discards) the rest: the tests' bounce case.
// Usage: node refusing-smtp.js <port>
'use strict';
const { SMTPServer } = require('smtp-server');

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node refusing-smtp.js <port>');
  process.exit(2);
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onRcptTo(address, _session, callback) {
    if (address.address.toLowerCase().endsWith('@nowhere.test')) {
      const error = new Error('5.1.1 mailbox unavailable');
      error.responseCode = 550;
      return callback(error);
    }
    return callback();
  },
  onData(stream, _session, callback) {
    stream.resume();
    stream.on('end', callback);
  },
});
server.on('error', (error) => console.error(error.message));
server.listen(port, '127.0.0.1', () => console.log(`refusing smtp on 127.0.0.1:${port}`));

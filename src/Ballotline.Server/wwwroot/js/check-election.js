// "Check this election yourself" on the results page: starts the record verifier in a Web Worker
// (record-verifier-worker.js, built from web/verifier), shows its progress, then every check in plain words.
(function () {
  'use strict';
  const form = document.getElementById('check-election');
  if (!form) return;
  const status = document.getElementById('check-status');
  const bar = document.getElementById('check-progress');
  const list = document.getElementById('check-results');
  const verdictBox = document.getElementById('check-verdict');
  const button = form.querySelector('button[type=submit]');

  // What each check means for a voter; the verifier's own detail follows in small print.
  const plain = {
    'record.index': 'The record has its table of contents',
    'record.version': 'The record is in a format this checker knows',
    'record.files': 'The record is complete and no file in it was altered',
    context: "The election's set-up (questions, candidates, key holders) matches its fingerprint",
    ballots: 'The ballots can be read',
    'ballots.proofs': 'Every counted ballot is a valid vote: one that could only have been made for this election, within its rules',
    'ballots.tracking-codes': "Every tracking code is its ballot's fingerprint, and no ballot appears twice",
    'ballots.log-positions': 'The ballots are in order, with none missing in between',
    spoiled: 'Every ballot a voter checked (challenged) opens to what was shown, and none of them was counted',
    tally: 'The count can be read',
    'tally.encrypted-totals': 'The totals are exactly the sum of the counted ballots, still encrypted',
    'tally.decryptions': 'The key holders decrypted the totals correctly, each with a proof',
    'tally.positions': 'Each count belongs to the candidate it is shown for',
    result: 'The published result, names included, is the decrypted count',
    'ledger.roots': "The ballot log matches every fingerprint recorded while voting was open",
    'ledger.close': 'Voting was closed on the blockchain, covering every ballot',
    announcement: 'The record is the one announced before voting',
    'chain.contract': "The blockchain contract is Ballotline's, and only the organiser's announced key can write to it",
    'chain.anchors': 'The blockchain holds the same fingerprints as the record',
  };

  const show = (text) => { status.textContent = text; };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    button.disabled = true;
    list.replaceChildren();
    verdictBox.hidden = true;
    bar.hidden = false;
    bar.removeAttribute('value');
    const worker = new Worker(form.dataset.worker);
    worker.onmessage = ({ data }) => {
      if (data.type === 'stage') show(data.text);
      else if (data.type === 'progress') {
        bar.max = data.total;
        bar.value = data.done;
        show(`Checked ${data.done} of ${data.total} ballots…`);
      } else if (data.type === 'error') {
        show(`The check could not run: ${data.message}`);
        bar.hidden = true;
        button.disabled = false;
        worker.terminate();
      } else if (data.type === 'result') {
        bar.hidden = true;
        button.disabled = false;
        worker.terminate();
        show(`Finished in ${data.seconds.toFixed(1)} seconds.`);
        for (const check of data.checks) {
          const item = document.createElement('li');
          item.className = check.skipped ? 'check-skipped' : check.passed ? 'check-passed' : 'check-failed';
          const word = document.createElement('strong');
          word.textContent = check.skipped ? 'Not checked: ' : check.passed ? 'Passed: ' : 'FAILED: ';
          const what = document.createElement('span');
          what.textContent = plain[check.name] ?? check.name;
          const detail = document.createElement('small');
          detail.className = 'hint';
          detail.textContent = ` (${check.name}) ${check.detail}`;
          item.append(word, what, document.createElement('br'), detail);
          list.append(item);
        }
        verdictBox.hidden = false;
        verdictBox.className = data.exitCode === 0 ? 'success' : data.exitCode === 3 ? 'warning' : 'error';
        verdictBox.textContent = data.exitCode === 0
          ? 'VERIFIED: every check passed, the blockchain and the announcement included.'
          : data.exitCode === 3
            ? `${data.verdict}. Every check that ran passed; what was not checked is named above.`
            : 'NOT VERIFIED: at least one check failed. See which above, and tell the organiser and the observers.';
        verdictBox.focus();
      }
    };
    worker.postMessage({
      recordUrl: form.dataset.record,
      rpcUrl: form.elements.rpc.value.trim(),
      announcement: form.elements.announcement.value.trim(),
    });
  });
})();

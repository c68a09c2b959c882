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

  // The page's words in its language (ResultsModel.ScriptText): what each check means for a voter, keyed by the
  // check's name, and the progress and verdict sentences with {0}… where the data goes. The verifier's own detail
  // follows each check in small print.
  const words = JSON.parse(form.dataset.text || '{}');
  const fill = (format, ...values) => format.replace(/\{(\d+)\}/g, (_, i) => String(values[Number(i)]));

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
        show(fill(words.progress, data.done, data.total));
      } else if (data.type === 'error') {
        show(fill(words.error, data.message));
        bar.hidden = true;
        button.disabled = false;
        worker.terminate();
      } else if (data.type === 'result') {
        bar.hidden = true;
        button.disabled = false;
        worker.terminate();
        show(fill(words.finished, data.seconds.toFixed(1)));
        for (const check of data.checks) {
          const item = document.createElement('li');
          item.className = check.skipped ? 'check-skipped' : check.passed ? 'check-passed' : 'check-failed';
          const word = document.createElement('strong');
          word.textContent = check.skipped ? words.notChecked : check.passed ? words.passed : words.failed;
          const what = document.createElement('span');
          what.textContent = words[check.name] ?? check.name;
          const detail = document.createElement('small');
          detail.className = 'hint';
          detail.lang = 'en'; // the verifier's own words, untranslated
          detail.textContent = ` (${check.name}) ${check.detail}`;
          item.append(word, what, document.createElement('br'), detail);
          list.append(item);
        }
        verdictBox.hidden = false;
        verdictBox.className = data.exitCode === 0 ? 'success' : data.exitCode === 3 ? 'warning' : 'error';
        verdictBox.textContent = data.exitCode === 0
          ? words.verified
          : data.exitCode === 3
            ? fill(words.partly, data.verdict)
            : words.notVerified;
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

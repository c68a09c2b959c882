// The voting page: encrypts the voter's choices in this browser (window.BallotlineCrypto, bundled from
// web/ballot-crypto) and submits only the encrypted ballot — to cast it, or to challenge it with its nonces.
(() => {
  'use strict';
  const choices = document.getElementById('choices');
  const section = document.getElementById('encrypted');
  const error = document.getElementById('ballot-error');
  if (!choices || !section || !window.BallotlineCrypto) return;

  const view = JSON.parse(choices.dataset.context);
  // The page's words in its language, with {0}… where the script puts the data.
  const words = JSON.parse(choices.dataset.text || '{}');
  const fill = (format, ...values) => format.replace(/\{(\d+)\}/g, (_, i) => String(values[Number(i)]));
  const fail = (message) => {
    error.textContent = message;
    error.hidden = false;
    error.focus?.();
  };

  // The device rebuilds the election's context from its published manifest and the trustees' commitments (every key
  // proof checked) and encrypts only if the key and context hash the page gave are those: a page carrying another
  // key is refused here, before any choice is made. Its fingerprint is the start of the invitation's contextHash.
  let context;
  try {
    const rebuilt = window.BallotlineCrypto.buildContext(JSON.parse(view.manifestJson), view.trustees, view.quorum, JSON.parse(view.commitmentsJson));
    if (rebuilt.extendedHash !== view.extendedHash || rebuilt.key.toHex(true) !== view.publicKey) throw new Error('another context');
    context = window.BallotlineCrypto.electionContext(view);
  } catch {
    fail(words.contextMismatch);
    return;
  }
  document.getElementById('fingerprint').textContent = view.extendedHash.slice(0, 16).match(/.{4}/g).join(' ');
  const ballotField = document.getElementById('ballot-json');
  const noncesField = document.getElementById('nonces-json');
  let encrypted = null;
  choices.hidden = false;

  choices.addEventListener('submit', (event) => {
    event.preventDefault();
    error.hidden = true;
    const summary = [];
    const contests = [];
    for (const fieldset of choices.querySelectorAll('fieldset[data-contest]')) {
      const checked = [...fieldset.querySelectorAll('input:checked')];
      const min = Number(fieldset.dataset.min);
      const max = Number(fieldset.dataset.max);
      if (checked.length < min || checked.length > max) {
        fail(min === max ? fill(words.exactly, fieldset.dataset.title, max) : fill(words.range, fieldset.dataset.title, min, max));
        return;
      }
      contests.push({ contestId: fieldset.dataset.contest, selected: checked.map((i) => i.value) });
      summary.push(`${fieldset.dataset.title}: ${checked.length ? checked.map((i) => i.parentElement.textContent.trim()).join(', ') : words.noChoice}`);
    }
    try {
      encrypted = window.BallotlineCrypto.encryptBallot(context, { contests });
    } catch (e) {
      fail(fill(words.encryptFailed, e.message));
      return;
    }
    ballotField.value = JSON.stringify(encrypted.ballot);
    noncesField.value = '';
    document.getElementById('summary').textContent = summary.join('; ');
    document.getElementById('tracking').textContent = encrypted.trackingCodeShort;
    choices.hidden = true;
    section.hidden = false;
    document.getElementById('encrypted-heading').focus();
  });

  // The nonces leave the device only when the voter challenges; a cast ballot keeps them secret.
  document.getElementById('challenge').addEventListener('click', () => {
    noncesField.value = encrypted ? JSON.stringify(encrypted.nonces) : '';
  });
  document.getElementById('cast').addEventListener('click', () => {
    noncesField.value = '';
  });
  document.getElementById('change').addEventListener('click', () => {
    encrypted = null;
    ballotField.value = '';
    noncesField.value = '';
    section.hidden = true;
    choices.hidden = false;
  });
})();

// Shows every <time class="local-time"> in the reader's own time zone, with UTC beside it when they differ, in the
// page's language (the one the reader chose; the browser's own when the page does not say).
(() => {
  'use strict';
  const language = document.documentElement.lang || undefined;
  const local = new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const utc = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  for (const element of document.querySelectorAll('time.local-time[datetime]')) {
    const moment = new Date(element.getAttribute('datetime'));
    if (Number.isNaN(moment.getTime())) {
      continue;
    }
    element.title = element.textContent;
    element.textContent = zone === 'UTC' || zone === 'Etc/UTC'
      ? `${local.format(moment)} UTC`
      : `${local.format(moment)} (${utc.format(moment)} UTC)`;
  }
})();

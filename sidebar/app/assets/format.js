/* Times, dates, money and durations as the page shows them. Pure. */
import { translate } from './text.js';

export function parseTime(value) {
  if (!value) { return null; }
  var ms = Date.parse(value);
  return isNaN(ms) ? null : ms;
}

export function formatTime(ms, locale) {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric', month: 'short', day: 'numeric',
    hour: 'numeric', minute: '2-digit', timeZoneName: 'short'
  }).format(new Date(ms));
}

export function formatDate(ms, locale) {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC'
  }).format(new Date(ms));
}

export function formatMoney(amount, locale) {
  return new Intl.NumberFormat(locale, {
    style: 'currency', currency: 'USD', currencyDisplay: 'narrowSymbol', maximumFractionDigits: 0
  }).format(amount);
}

// Overdue times round down ("by 2 h 15 min" for 2 h 15 min 40 s), countdowns round
// up ("in 1 min" until the deadline itself), so neither claims more than is true.
export function formatDuration(ms, roundUp, text) {
  var minutes = roundUp ? Math.ceil(ms / 60000) : Math.floor(ms / 60000);
  if (minutes < 1) { return translate(text, 'ui.duration.under_minute'); }
  var days = Math.floor(minutes / 1440);
  var hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) { return translate(text, 'ui.duration.days', { d: days, h: hours }); }
  if (hours > 0) { return translate(text, 'ui.duration.hours', { h: hours, m: minutes % 60 }); }
  return translate(text, 'ui.duration.minutes', { m: minutes });
}

export function textOr(value, fallback) {
  return value === null || value === undefined || value === '' ? fallback : String(value);
}

/* Which tags mean "escalated" and which severity: read from the index (the sync's own
 * configuration), with the app's setting and esc_sevN only for an index that does not
 * carry them yet. Pure. */

export const SEVERITIES = ['SEV-1', 'SEV-2', 'SEV-3', 'SEV-4'];

// The tag the Escalate action adds; null when the sync watches no tag.
export function escalationTag(index, settings) {
  if (index && Object.prototype.hasOwnProperty.call(index, 'escalation_tag')) {
    return index.escalation_tag ? String(index.escalation_tag) : null;
  }
  var tag = String((settings && settings.escalation_tag) || '').trim().toLowerCase().replace(/\s+/g, '_');
  return tag || null;
}

export function severityTag(index, severity) {
  var table = index && index.severity_tags;
  if (table && typeof table[severity] === 'string') { return table[severity]; }
  return 'esc_' + String(severity).toLowerCase().replace('-', '');
}

export function severityTagList(index) {
  return SEVERITIES.map(function (severity) { return severityTag(index, severity); });
}

// Severity tags other than the wanted one, on the form or the saved ticket, once each.
export function staleSeverityTags(formTags, savedTags, wanted, known) {
  return formTags.concat(savedTags).filter(function (tag, at, all) {
    return known.indexOf(tag) >= 0 && tag !== wanted && all.indexOf(tag) === at;
  });
}

// The open form's tags after escalating: the agent's other (even unsaved) tags kept,
// one severity.
export function mergedFormTags(formTags, wanted, known) {
  var merged = formTags.filter(function (tag) { return known.indexOf(tag) < 0 || tag === wanted[1]; });
  wanted.forEach(function (tag) { if (merged.indexOf(tag) < 0) { merged.push(tag); } });
  return merged;
}

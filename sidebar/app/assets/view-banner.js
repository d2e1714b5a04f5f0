/* The other open escalations of the ticket's organization, so an agent does not treat
 * a related ticket as routine ("Acme Corp has an open SEV-2 escalation, ESC-48213,
 * owner Dana Whitfield"). */
import { state } from './state.js';
import { externalLink, h, t } from './dom.js';
import { textOr } from './format.js';
import { documentUrl } from './github.js';

function line(esc) {
  var name = textOr(esc.organization, textOr(state.ticket.organization && state.ticket.organization.name, textOr(esc.customer, t('ui.unknown'))));
  return h('li', { 'data-escalation': esc.id }, [
    h('p', { text: t('ui.banner.open', { organization: name, severity: textOr(esc.severity, '?'), id: textOr(esc.id, '?'), owner: textOr(esc.owner, t('ui.unknown')) }) }),
    esc.path ? externalLink(documentUrl(state.settings, esc), t('ui.banner.link', { id: textOr(esc.id, '?') }), null) : null
  ]);
}

// null when the organization has no other open escalation.
export function organizationBanner(escalations) {
  if (!escalations.length) { return null; }
  return h('section', { className: 'notice notice--warning banner', id: 'organization-banner', 'data-state': 'organization' }, [
    h('ul', { className: 'banner__list' }, escalations.map(line))
  ]);
}

// Fills a demo page's #lead-card from leads-directory.js; shared by lead, spa and xss pages.
// textContent only: the page itself must never be the XSS.
function crmFormatPhone(p) { return p && p.length === 10 ? '(' + p.slice(0, 3) + ') ' + p.slice(3, 6) + '-' + p.slice(6) : (p || ''); }
function crmShowLead(id) {
  var lead = (window.CRM_LEADS || {})[id];
  var set = function (elId, text) { var el = document.getElementById(elId); if (el) el.textContent = text; };
  set('lead-name', lead ? lead.firstName + ' ' + lead.lastName : (id ? 'Unknown lead' : 'No lead selected'));
  set('lead-id', id || '—');
  set('lead-phone', lead ? crmFormatPhone(lead.phone) : '—');
  set('lead-email', lead ? (lead.firstName + '.' + lead.lastName).toLowerCase().replace(/[^a-z.]/g, '') + '@example.com' : '—');
  set('lead-address', lead ? lead.address + ', ' + lead.city + ', ' + lead.state + ' ' + lead.zip : '—');
  if (lead) document.title = lead.firstName + ' ' + lead.lastName + ' · Brightline CRM';
}

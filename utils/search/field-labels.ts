// "All fields" shows every field Convoso sent, under the names a person reads,
// not the API's (`directory_name`, `class`). A field Convoso adds later is named
// from its API name ("phone_number" → "Phone number").

const LABELS: Readonly<Record<string, string>> = {
  id: 'Callback ID',
  lead_id: 'Lead ID',
  list_id: 'List ID',
  campaign_id: 'Campaign ID',
  status: 'Status',
  status_name: 'Status name',
  created_at: 'Created',
  callback_time: 'Callback time',
  modified_at: 'Modified',
  callback_seen: 'Seen',
  user: 'User ID',
  user_id: 'User ID',
  user_name: 'Agent',
  recipient: 'Recipient',
  comments: 'Comments',
  context: 'Context',
  stage: 'Stage',
  // Convoso's display hint for the row, such as past_due.
  class: 'Highlight',
  directory_name: 'List name',
  campaign_name: 'Campaign',
  campaign_type: 'Campaign type',
  account_id: 'Account ID',
  phone_number: 'Phone number',
};

/** A person's name for an API field. */
export function fieldLabel(apiName: string): string {
  const known = Object.hasOwn(LABELS, apiName) ? LABELS[apiName] : undefined;
  if (known) return known;
  const words = apiName
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/\bid\b/g, 'ID');
  return words ? words[0]!.toUpperCase() + words.slice(1) : apiName;
}

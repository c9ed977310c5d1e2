<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Edit Lead - Convoso</title>
  <style>
    body { margin: 0; font: 13px/1.4 Arial, Helvetica, sans-serif; background: #eef0f3; color: #222; }
    .cv-top { height: 46px; background: #0b2540; color: #fff; display: flex; align-items: center; padding: 0 16px; gap: 18px; }
    .cv-logo { font-weight: 700; letter-spacing: 2px; }
    .cv-top a { color: #b9c9da; text-decoration: none; }
    .cv-side { position: fixed; top: 46px; bottom: 0; width: 180px; background: #163a5f; padding-top: 10px; }
    .cv-side a { display: block; color: #cfe0f1; padding: 8px 16px; text-decoration: none; }
    .cv-side a.on { background: #0b2540; color: #fff; }
    .cv-main { margin-left: 180px; padding: 18px 24px; }
    .cv-panel { background: #fff; border: 1px solid #ccd3db; margin-bottom: 16px; }
    .cv-panel h3 { margin: 0; padding: 8px 12px; background: #f5f7f9; border-bottom: 1px solid #ccd3db; font-size: 13px; }
    .cv-panel table { width: 100%; border-collapse: collapse; }
    .cv-panel td { padding: 6px 12px; border-bottom: 1px solid #eef0f3; }
    .cv-panel td.k { width: 160px; color: #555; text-align: right; }
    input, select { font: inherit; padding: 3px 5px; border: 1px solid #b8c1cb; width: 260px; }
    .cv-btn { background: #1f7ac2; color: #fff; border: 0; padding: 6px 14px; cursor: pointer; }
  </style>
</head>
<body>
  <div class="cv-top"><span class="cv-logo">CONVOSO</span><a href="#">Dashboard</a><a href="#">Leads</a><a href="#">Reports</a><a href="#">Campaigns</a></div>
  <div class="cv-side"><a href="#">Search Leads</a><a class="on" href="#">Edit Lead</a><a href="#">Lists</a><a href="#">Callbacks</a></div>
  <div class="cv-main">
    <h2 id="cv-title">Edit Lead</h2>
    <div class="cv-panel">
      <h3>Lead Information</h3>
      <table>
        <tr><td class="k">Lead ID:</td><td id="lead-id"></td></tr>
        <tr><td class="k">First Name:</td><td><input id="cv-first" name="first_name"></td></tr>
        <tr><td class="k">Last Name:</td><td><input id="cv-last" name="last_name"></td></tr>
        <tr><td class="k">Phone Number:</td><td><input id="cv-phone" name="phone_number"></td></tr>
        <tr><td class="k">Address:</td><td><input id="cv-address" name="address1"></td></tr>
        <tr><td class="k">City / State / Zip:</td><td id="cv-city"></td></tr>
        <tr><td class="k">Status:</td><td><select name="status"><option>CALLBK - Call Back</option><option>NEW - New Lead</option><option>SALE - Sale</option></select></td></tr>
      </table>
    </div>
    <button class="cv-btn" type="button">Save Lead</button>
  </div>
  <script src="/crm/leads-directory.js"></script>
  <script>
    var id = new URLSearchParams(location.search).get('lead_id') || '';
    var lead = (window.CRM_LEADS || {})[id];
    document.getElementById('lead-id').textContent = id;
    document.getElementById('cv-title').textContent = 'Edit Lead #' + id;
    if (lead) {
      document.getElementById('cv-first').value = lead.firstName;
      document.getElementById('cv-last').value = lead.lastName;
      document.getElementById('cv-phone').value = lead.phone;
      document.getElementById('cv-address').value = lead.address;
      document.getElementById('cv-city').textContent = lead.city + ', ' + lead.state + ' ' + lead.zip;
    }
  </script>
</body>
</html>

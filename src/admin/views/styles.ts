/** The console's stylesheet, served from /admin/assets/admin.css: the CSP allows styles from the site itself only. */
export const ADMIN_CSS = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f5f6f8}
a{color:#0b57d0}
header.bar{background:#1b1f24;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:1rem;align-items:center}
header.bar a{color:#fff;text-decoration:none}
header.bar nav ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.9rem}
header.bar a[aria-current=page]{text-decoration:underline}
header.bar .who{margin-left:auto;display:flex;gap:.5rem;align-items:center}
main{max-width:1200px;margin:0 auto;padding:1rem}
h1{font-size:1.4rem;margin:.5rem 0 1rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #dde1e6;vertical-align:top}
th{font-weight:600;background:#eef0f3}
form.inline{display:inline}
fieldset{border:1px solid #dde1e6;background:#fff;margin:0 0 1rem;padding:.75rem}
label{display:block;margin:.4rem 0 .1rem;font-weight:600}
input[type=text],input[type=email],input[type=password],input[type=url],input[type=number],select,textarea{width:100%;max-width:36rem;padding:.35rem;font:inherit}
textarea{min-height:5rem}
button{font:inherit;padding:.3rem .8rem;cursor:pointer}
button.danger{background:#b3261e;color:#fff;border:1px solid #8c1d18}
.notice{background:#e6f4ea;border:1px solid #9bd3ae;padding:.5rem .75rem;margin-bottom:1rem}
.error{background:#fce8e6;border:1px solid #f4b7b2;padding:.5rem .75rem;margin-bottom:1rem}
.status{display:inline-block;padding:0 .4rem;border-radius:3px;font-size:.85rem}
.status-healthy{background:#e6f4ea}.status-failing{background:#fce8e6}.status-backing-off{background:#fef7e0}.status-paused{background:#e8eaed}
.muted{color:#5f6368}
pre.raw{white-space:pre-wrap;word-break:break-all;background:#fff;border:1px solid #dde1e6;padding:.5rem;max-height:30rem;overflow:auto}
svg.chart{background:#fff;border:1px solid #dde1e6}
.hint{font-weight:400;color:#5f6368;font-size:.9rem}
`;

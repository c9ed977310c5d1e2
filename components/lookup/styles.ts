// The badge's CSS, put inline in its shadow root as a <style>: the content script
// also runs on user CRM sites registered at runtime, where a separate CSS file of
// the extension may not be loadable. `:host { all: initial }` keeps the page's
// inherited styles out; nothing here can reach the page. It is `!important` here
// rather than in the host's style attribute: an important :host rule still beats the
// page's own important rules, and an inline `!important` on text spacing would stop a
// user's stylesheet from adjusting it (WCAG 1.4.12, axe's avoid-inline-spacing). `--on` is the text
// colour on a coloured fill: white on the light theme's dark fills, near-black
// on the dark theme's light ones (white on those is below 3:1). The panel's head and
// foot stay in view while a long list scrolls: Close and View all are always one
// click away. (Comments inside the CSS text would ship in the content script.)

export const BADGE_CSS = `
:host{all:initial!important;display:contents!important}
*{box-sizing:border-box}
.cc{--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--accent:#0969da;--red:#cf222e;--amber:#9a6700;--green:#1a7f37;--blue:#0969da;--grey:#59636e;--purple:#8250df;--on:#fff;--shadow:0 4px 14px rgba(0,0,0,.18);
font:13px/1.35 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg)}
@media (prefers-color-scheme:dark){.cc{--bg:#22272e;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--accent:#4493f8;--red:#f47067;--amber:#d29922;--green:#57ab5a;--blue:#539bf5;--grey:#9198a1;--purple:#b083f0;--on:#1c2128;--shadow:0 4px 14px rgba(0,0,0,.5)}}
.badge{position:fixed;z-index:2147483647;max-width:min(420px,calc(100vw - 8px))}
.row{display:flex;align-items:stretch;background:var(--bg);border:1px solid var(--line);border-left:4px solid var(--u,var(--grey));border-radius:8px;box-shadow:var(--shadow);touch-action:none;user-select:none}
button{font:inherit;color:inherit;background:none;border:0;margin:0;cursor:pointer;border-radius:6px}
button:focus-visible{outline:2px solid var(--accent);outline-offset:1px}
.main{display:flex;align-items:center;gap:6px;padding:6px 10px;text-align:left;min-width:0}
.live{display:flex;min-width:0}
.main .t{white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.dot{flex:none;width:8px;height:8px;border-radius:50%;background:var(--u,var(--grey))}
.act{padding:4px 10px;margin:3px 4px 3px 0;border:1px solid var(--line);font-weight:600;color:var(--accent)}
.act:hover,.main:hover{background:color-mix(in srgb,var(--line) 35%,transparent)}
.grip{display:flex;align-items:center;padding:0 6px;color:var(--muted);cursor:grab;font-size:11px;letter-spacing:-2px}
.u-past_due{--u:var(--red)}.u-due_soon{--u:var(--amber)}.u-upcoming{--u:var(--blue)}.u-none{--u:var(--grey)}.u-empty{--u:var(--line)}.u-error{--u:var(--amber)}.u-loading{--u:var(--line)}
.u-empty .t,.u-loading .t{color:var(--muted)}
.u-past_due .t{font-weight:600}
.panel{position:absolute;right:0;width:min(380px,calc(100vw - 8px));max-height:min(60vh,480px);overflow:auto;background:var(--bg);border:1px solid var(--line);border-radius:8px;box-shadow:var(--shadow);padding:10px}
.up{bottom:calc(100% + 6px)}.down{top:calc(100% + 6px)}
.head{display:flex;align-items:center;justify-content:space-between;gap:8px;position:sticky;top:-10px;z-index:1;margin:-10px 0 8px;padding:10px 0 0;background:var(--bg)}
h2{font-size:14px;margin:0}
ul{list-style:none;margin:0;padding:0}
li{padding:8px 0;border-top:1px solid var(--line)}
.when{display:flex;flex-wrap:wrap;gap:6px;align-items:baseline}
.rel{color:var(--muted)}.over .rel{color:var(--red);font-weight:600}
.chip{display:inline-block;padding:0 6px;border-radius:10px;font-size:11px;font-weight:600;color:var(--on);background:var(--c,var(--grey))}
.s-pending{--c:var(--blue)}.s-past_due{--c:var(--red)}.s-completed{--c:var(--green)}.s-dismissed{--c:var(--grey)}.s-missed{--c:var(--amber)}.s-new{--c:var(--purple)}.s-unknown{--c:var(--grey)}
.meta{color:var(--muted);font-size:12px}
.cm{margin-top:2px;white-space:pre-wrap;overflow-wrap:anywhere}
.foot{display:flex;gap:6px;justify-content:flex-end;flex-wrap:wrap;position:sticky;bottom:-10px;margin:8px 0 -10px;padding:8px 0 10px;background:var(--bg);border-top:1px solid var(--line)}
.foot button,.x{padding:4px 10px;border:1px solid var(--line)}
.foot .primary{background:var(--accent);border-color:var(--accent);color:var(--on)}
.msg{margin:0 0 6px;color:var(--muted)}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.chipbtn{display:inline-flex;align-items:center;gap:4px;margin-left:4px;padding:0 6px;border:1px solid var(--line);border-radius:9px;background:var(--bg);font-size:11px;line-height:16px;vertical-align:middle}
`;

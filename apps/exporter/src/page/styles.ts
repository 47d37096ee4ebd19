// The web page's only stylesheet, inlined in the page: no request ever leaves the file. System
// fonts, colours of at least 7:1 contrast for text and 4.5:1 for the rest, a visible focus ring,
// no fixed widths (a 375 px phone never scrolls sideways), and a print layout that writes out
// every link's address.
export const PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;line-height:1.5;color:#1a1a1a;background:#fff}
body{margin:0 auto;max-width:52rem;padding:0 1rem 3rem}
a{color:#0645ad;overflow-wrap:anywhere}
a:visited{color:#4b2a8c}
a:focus-visible,summary:focus-visible{outline:3px solid #b35900;outline-offset:2px;border-radius:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:1}
.skip:focus{left:1rem;top:1rem}
header{border-bottom:2px solid #1a1a1a;padding:1.5rem 0 1rem}
h1{font-size:1.75rem;line-height:1.25;margin:0 0 .5rem}
h2{font-size:1.35rem;margin:2.5rem 0 .75rem;padding-bottom:.25rem;border-bottom:1px solid #767676}
h3{font-size:1.1rem;margin:0 0 .25rem}
.meta,.details,.stand-in{color:#4a4a4a;margin:.25rem 0}
.stand-in{font-style:italic}
nav ol{padding-left:1.5rem}
nav li{margin:.2rem 0}
.resources{list-style:none;margin:0;padding:0}
.resource{margin:0 0 1.5rem;padding:0 0 0 .75rem;border-left:4px solid #d0d0d0}
.resource p{margin:.25rem 0}
.status{display:inline-block;font-weight:600;padding:0 .4rem;border:1px solid currentColor;border-radius:3px}
.status-ok{color:#1e5b2a}
.status-moved,.status-redirected{color:#7a4300}
.status-broken{color:#8f1a1a}
.status-error{color:#3f4a5a}
.empty{color:#4a4a4a;font-style:italic}
.old-url{overflow-wrap:anywhere}
footer{margin-top:3rem;color:#4a4a4a;font-size:.9rem}
@media print{
  body{max-width:none;padding:0;font-size:11pt}
  .skip,nav{display:none}
  a{color:#000;text-decoration:none}
  .resource h3 a::after{content:" <" attr(href) ">";font-weight:normal;font-size:.85em;overflow-wrap:anywhere}
  .resource{break-inside:avoid;border-left-color:#999}
  h2{break-after:avoid}
  .status{color:#000}
}
`;

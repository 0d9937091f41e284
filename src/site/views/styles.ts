import { PICTURE_CSS } from './picture.tsx';

/**
 * The whole stylesheet, inlined in every page: it is small, and inlining saves the reader a
 * render-blocking request on a slow connection.
 */
export const SITE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:17px/1.6 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Devanagari",sans-serif;color:#1b1b1b;background:#fff}
a{color:#0b4f9c}
a:hover{color:#073566}
.wrap{max-width:1100px;margin:0 auto;padding:0 16px}
.skip{position:absolute;left:-999px}
.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:2}
.masthead{border-bottom:3px solid #b3131b;background:#fff}
.brand{display:inline-block;font:700 28px/1.2 Georgia,"Times New Roman",serif;color:#111;text-decoration:none;padding:14px 0 6px}
.masthead nav ul{display:flex;flex-wrap:wrap;gap:4px 18px;list-style:none;margin:0;padding:0 0 10px}
.masthead nav a{color:#222;text-decoration:none;font-weight:600;font-size:15px;padding:6px 0;display:inline-block}
.masthead nav a[aria-current=page]{color:#b3131b;border-bottom:2px solid #b3131b}
main{padding-top:20px;padding-bottom:40px;min-height:60vh}
h1{font:700 32px/1.25 Georgia,"Times New Roman",serif;margin:0 0 12px}
h2{font:700 22px/1.3 Georgia,"Times New Roman",serif;margin:28px 0 12px;border-top:2px solid #111;padding-top:8px}
.article{max-width:720px}
.byline{color:#555;font-size:15px;margin:0 0 12px}
.teaser{font-size:19px;color:#333;margin:0 0 14px}
.open-app{display:inline-block;background:#b3131b;color:#fff;text-decoration:none;font-weight:600;padding:8px 16px;border-radius:4px;margin:4px 0 18px}
.open-app:hover{background:#8c0f15;color:#fff}
.body{overflow-wrap:break-word;word-break:normal;line-break:strict}
.body p{margin:0 0 16px}
.body img{max-width:100%;height:auto}
.disclaimer{font-size:14px;color:#555;border-top:1px solid #ddd;padding-top:12px;margin-top:24px}
.cards{list-style:none;margin:0;padding:0;display:grid;gap:14px}
.cards li{border-bottom:1px solid #eee;padding-bottom:12px}
.cards a{text-decoration:none;color:#111;font-weight:600;font-size:18px;line-height:1.35}
.cards a:hover{color:#0b4f9c;text-decoration:underline}
.cards p{margin:4px 0 0;color:#444;font-size:15px}
.label{display:inline-block;font-size:12px;font-weight:700;text-transform:uppercase;letter-spacing:.04em;color:#b3131b;margin-right:8px}
.related .cards a{font-size:16px}
.blocks{display:grid;gap:8px 32px;grid-template-columns:repeat(auto-fill,minmax(300px,1fr))}
.meta{color:#666;font-size:14px}
.pager{display:flex;justify-content:space-between;margin-top:24px}
.notice{background:#fff4f4;border-left:4px solid #b3131b;padding:12px 16px}
.chips{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:8px}
.chips a{display:inline-block;border:1px solid #ccc;border-radius:16px;padding:4px 12px;text-decoration:none;color:#222}
.footer{border-top:1px solid #ddd;color:#555;font-size:14px;padding:16px 0}
.footer-links{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:4px 16px}
.footer a{color:#0b4f9c}
mark{background:#fff0a8;color:inherit}
.search-form{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin:0 0 20px}
.search-form input{font:inherit;padding:6px 10px;border:1px solid #767676;border-radius:4px;min-width:min(100%,320px)}
.search-form button{font:inherit;padding:6px 14px;border:0;border-radius:4px;background:#0b4f9c;color:#fff}
.snippet{margin:4px 0 0;color:#444;font-size:15px}
@media (max-width:600px){h1{font-size:26px}.brand{font-size:24px}body{font-size:16px}}
${PICTURE_CSS}`;

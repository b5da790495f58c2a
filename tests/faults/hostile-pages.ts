// Generated hostile single inputs for hostile-inputs.test.ts (issue 13): large pages and records.
export const SENTENCE = '华龙区扎实推进市域社会治理现代化工作，群众满意度持续提升。'

/** `n` paragraphs inside <article> (199,000 make 16 MB): DOMPurify used to hoist them one O(n) move at a time. */
export function paragraphPage(n = 199_000): string {
  const paras = Array.from({ length: n }, (_, i) => `<p>第${i + 1}段：${SENTENCE}</p>`).join('\n')
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>长文测试_测试网</title></head><body><article><h1>长文测试</h1>\n${paras}\n</article></body></html>`
}

/** 200,000 elements: 100,000 <div>s each holding a <b>. */
export function elementPage(): string {
  return `<!DOCTYPE html><html><head><title>元素测试</title></head><body>${Array.from({ length: 100_000 }, (_, i) => `<div><b>${i}</b>${SENTENCE.slice(0, 8)}</div>`).join('')}</body></html>`
}

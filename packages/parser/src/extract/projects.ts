import type { Outlined } from '../stages/outline.js';

export interface ProjectDraft {
  name: string;
  text: string;
  places: string[];
  path: string;
  start: number;
  end: number;
}

const PROJECT_SECTION = /重点工程|重大工程|重大项目|重点项目|工程项目|建设项目|项目清单/;
const PLACE = /[\u4e00-\u9fa5]{2}(?:市|州|县|盟)(?![\u4e00-\u9fa5]?(?:政府|委|局|场|民|场|级|域|区))/g;
/** "涉及武汉、鄂州、黄冈": a list of bare place names after a verb of location. */
const PLACE_LIST = /(?:涉及|覆盖|包括|位于|途经|经过|连接|连通|串联|分布在|布局在)([\u4e00-\u9fa5]{2,3}(?:[、和及][\u4e00-\u9fa5]{2,3}){1,12})(?=[，。；、等）\s]|$)/g;
const FROM_TO = /([\u4e00-\u9fa5]{2})至([\u4e00-\u9fa5]{2})(?=[\u4e00-\u9fa5]{0,3}(?:段|铁路|高速|公路|航道|通道|线|管道|输电|工程|、|，|。))/g;

/** Named items in 重点工程/重大项目 sections, with the places they name. */
export function extractProjects(outlined: Outlined): ProjectDraft[] {
  const { source } = outlined.segmented;
  const printed = source.mapped.text;
  const canon = source.canon;
  const out: ProjectDraft[] = [];
  for (const d of outlined.all) {
    if (d.label == null || d.kind === 'document' || d.kind === 'enumeration') continue;
    if (!PROJECT_SECTION.test(d.context)) continue;
    if (d.children.some((c) => c.label != null)) continue;
    const own = printed.slice(d.textStart, d.end).trim();
    const c = canon.slice(d.textStart, d.end).trim();
    const stop = c.search(/[。；：]/);
    const name = (stop > 0 && stop <= 40 ? own.slice(0, stop) : own.slice(0, 40)).replace(/（[^）]*$/, '').trim();
    if (!name) continue;
    const places = new Set<string>();
    const plain = own.replace(/[（(][^（）()]*[）)]/g, '');
    for (const m of plain.matchAll(FROM_TO)) {
      places.add(m[1]!);
      places.add(m[2]!);
    }
    for (const m of plain.matchAll(PLACE_LIST)) for (const p of m[1]!.split(/[、和及]/)) places.add(p);
    for (const m of plain.matchAll(PLACE)) if (!/^(?:城市|各市|全市|地级|县级|市州|本市)|城市$|都市$|[至和与及、]/.test(m[0])) places.add(m[0]);
    out.push({ name, text: own, places: [...places], path: d.path, start: d.start, end: d.end });
  }
  return out;
}

import type { RemovedReason, RemovedSpan } from '../../types.js';
import { MappedTextBuilder, type MappedText } from '../../text/mapped-text.js';

interface LineRule {
  reason: RemovedReason;
  test: RegExp;
}

/** Lines of web-page furniture. Each rule only fires on short lines without a full stop. */
const RULES: LineRule[] = [
  { reason: 'navigation', test: /^(?:当前位置|您的位置|您现在的位置|您当前的位置|当前的位置)|^首页\s*[>＞»]|^[>＞»]|(?:\s[>＞»]\s.*){2}/ },
  { reason: 'navigation', test: /上一篇|下一篇|返回列表|返回顶部|返回首页|推荐阅读|相关阅读|相关文章|相关链接|最新政策|热点文章|热门文章|网站地图/ },
  { reason: 'navigation', test: /智能问答|无障碍浏览|^分享$|^收藏$|^打印$|^关闭$|[【[［]切换[】\]］]|切换城市|切换站点/ },
  {
    reason: 'boilerplate',
    test: /浏览量|浏览次数|阅读次数|阅读量|点击数|点击量|访问量|字体[:：]?\s*[【[]?\s*大|【字体|字号[:：]|分享到|打印本页|打印此页|关闭窗口|【打印】|【关闭】|本文链接|扫描二维码|扫一扫|微信公众号|关注我们|本文关键词|版权所有|ICP备|联系我们|发布时间[:：]|发表日期[:：]?|发布日期[:：]|^\s*时间[:：]\s*\d{4}|^\s*来源[:：]|信息来源[:：]|^\s*作者[:：]|责任编辑[:：]/,
  },
  { reason: 'boilerplate', test: /^\s*(?:https?:\/\/|www\.)\S+\s*$/ },
  { reason: 'other', test: /^\s*\S.{0,200}\.(?:pdf|docx?|xlsx?|wps|ofd|zip|rar)\s*$/i },
  { reason: 'spam', test: /一级片|无码|黄片|色情|av[一-龥]|[一-龥]av|博彩|娱乐城|棋牌游戏|彩票网|在线观看|成人视频/i },
];

/** Footer markers: what follows them on a web page is no longer the document. */
const FOOTER = /扫描二维码|本文链接|版权所有|微信公众号|上一篇|下一篇|相关文章|推荐阅读|相关阅读|最新政策|主办单位[:：]|ICP备/;

/**
 * Removes web-page boilerplate lines (navigation, counters, share bars, footer, spam). The line
 * break stays, so paragraphs do not merge; each removed line is reported with its reason.
 */
export function stripBoilerplate(input: MappedText, removed: RemovedSpan[], original: string): MappedText {
  const { text } = input;
  const drop: Array<[number, number, RemovedReason]> = [];
  let footerFrom = -1;
  for (let ls = 0, le = 0, i = 0; ls <= text.length; ls = le + 1, i++) {
    le = text.indexOf('\n', ls);
    if (le < 0) le = text.length;
    // Long lines are document text: no rule reads them (and slicing them would cost).
    if (le - ls > 240 && footerFrom < 0) continue;
    const line = text.slice(ls, le);
    const trimmed = line.trim();
    if (!trimmed) continue;
    if (footerFrom >= 0 && trimmed.length <= 100 && !/[。；]/.test(trimmed)) {
      drop.push([ls, le, /一级片|无码|黄片|av|视频|_.*_/i.test(trimmed) ? 'spam' : 'navigation']);
      continue;
    }
    if (trimmed.length > 160 || (/[。；]/.test(trimmed) && trimmed.length > 60)) continue;
    const rule = RULES.find((r) => r.test.test(trimmed));
    if (rule) {
      drop.push([ls, le, rule.reason]);
      if (FOOTER.test(trimmed) && ls > text.length * 0.6) footerFrom = i;
    }
  }
  if (drop.length === 0) return input;
  const b = new MappedTextBuilder(text.length);
  let at = 0;
  for (const [ds, de, reason] of drop) {
    b.copy(text.slice(at, ds), at);
    const span = { start: input.map[ds]!, end: input.map[de]! };
    removed.push({ reason, text: original.slice(span.start, span.end), span });
    at = de;
  }
  b.copy(text.slice(at), at);
  return b.finish(text.length);
}

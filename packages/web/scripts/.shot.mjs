import { chromium } from 'playwright-core';
const [,, url, out, w='1366', h='768'] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const p = await b.newPage({ viewport: { width: +w, height: +h }, locale: 'zh-CN' });
p.on('console', m => m.type()==='error' && console.log('console:', m.text()));
await p.goto(url); await p.waitForTimeout(1500);
await p.screenshot({ path: out, fullPage: true }); await b.close();

import { chromium } from 'playwright-core';
const base = process.argv[2] ?? 'http://127.0.0.1:3100';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
p.on('console', m => m.type()==='error' && console.log('console:', m.text()));
p.on('pageerror', e => console.log('pageerror', e.message));
await p.goto(base + '/');
await p.getByLabel('用户名').fill('coord');
await p.getByLabel('密码').fill('wrongpass');
await p.getByRole('button', { name: '登录' }).click();
await p.waitForTimeout(800);
console.log('alert:', await p.getByRole('alert').allTextContents());
await p.getByLabel('密码').fill('coord12345');
await p.getByRole('button', { name: '登录' }).click();
await p.waitForURL(u => !u.pathname.startsWith('/login'));
await p.waitForTimeout(1000);
await p.screenshot({ path: '/tmp/wb.png' });
for (const path of ['/plans','/import','/map','/supervision']) { await p.goto(base+path); await p.waitForTimeout(1200); await p.screenshot({ path: `/tmp/s${path.replace('/','-')}.png` }); }
await b.close();

import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:3100';
const [,, user='coordinator', ...paths] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const p = await b.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
p.on('console', m => m.type()==='error' && console.log('console:', m.text()));
p.on('pageerror', e => console.log('pageerror', e.message));
await p.goto(base + '/login');
await p.getByLabel('用户名').fill(user);
await p.getByLabel('密码').fill('Xietong#2026');
await p.getByRole('button', { name: '登录' }).click();
await p.waitForURL(u => !u.pathname.startsWith('/login'));
for (const path of paths) { await p.goto(base+path); await p.waitForTimeout(2500); const f = `/tmp/t-${user}${path.replace(/[\/?=&]/g,'-')}.png`; await p.screenshot({ path: f }); console.log(f); }
await b.close();

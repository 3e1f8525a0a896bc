import { describe, expect, test } from 'vitest';
import { useTestWorkspace } from '../../testing/workspace.js';
import { loadDirectory } from './commands.js';
import { resolveIssuer } from './resolve.js';

const ws = useTestWorkspace();

async function withDirectory() {
  await ws.run((ctx) => loadDirectory(ctx));
  return ws.as(['coordinator']);
}

async function unitId(client: Awaited<ReturnType<typeof withDirectory>>, fullName: string): Promise<string> {
  const res = await client.get(`/api/units?q=${encodeURIComponent(fullName)}`);
  const hit = res.body.items.find((u: { name: string }) => u.name === fullName);
  if (!hit) throw new Error(`no unit ${fullName}`);
  return hit.id;
}

describe('unit directory', () => {
  test('ships the three provinces and their 42 prefecture-level governments', async () => {
    const c = await withDirectory();
    const res = await c.get('/api/units?q=人民政府&limit=500');
    const prefectures = res.body.items.filter(
      (u: { level: string; kind: string }) => u.level === 'prefecture' && u.kind === 'government',
    );
    expect(prefectures).toHaveLength(42);
    const provinces = res.body.items.filter(
      (u: { level: string; kind: string }) => u.level === 'province' && u.kind === 'government',
    );
    expect(provinces.map((u: { name: string }) => u.name).sort()).toEqual(
      ['江西省人民政府', '湖北省人民政府', '湖南省人民政府'].sort(),
    );
  });

  test('a short name resolves in the context of the issuer: 省发改委 in a Hubei document, 市发改委 in a Wuhan one', async () => {
    const c = await withDirectory();
    const hubeiOffice = await unitId(c, '湖北省人民政府办公厅');
    const wuhanOffice = await unitId(c, '武汉市人民政府办公厅');
    const hunanGov = await unitId(c, '湖南省人民政府');

    const inHubei = await c.post('/api/units/resolve', {
      names: ['省发改委', '市发改委', '人行武汉分行'],
      contextUnitId: hubeiOffice,
    });
    expect(inHubei.status).toBe(200);
    const [sheng, shi, pbc] = inHubei.body.items;
    expect(sheng).toMatchObject({ status: 'resolved', unitName: '湖北省发展和改革委员会' });
    expect(shi.status).toBe('unknown'); // 市发改委 means nothing in a provincial document
    expect(pbc.unitName).toBe('中国人民银行武汉分行');

    const inWuhan = await c.post('/api/units/resolve', {
      names: ['市发改委', '省发改委', '青山区', '东湖高新区管委会'],
      contextUnitId: wuhanOffice,
    });
    expect(inWuhan.body.items.map((i: { unitName: string }) => i.unitName)).toEqual([
      '武汉市发展和改革委员会',
      '湖北省发展和改革委员会', // a Wuhan document is also under Hubei
      '武汉市青山区人民政府',
      '武汉东湖新技术开发区管理委员会',
    ]);

    const inHunan = await c.post('/api/units/resolve', { names: ['省发改委'], contextUnitId: hunanGov });
    expect(inHunan.body.items[0].unitName).toBe('湖南省发展和改革委员会');

    const noContext = await c.post('/api/units/resolve', { names: ['省发改委', '湖北省发展和改革委员会'] });
    expect(noContext.body.items[0].status).toBe('unknown');
    expect(noContext.body.items[1].unitName).toBe('湖北省发展和改革委员会');
  });

  test('the issuer of a document is found from its printed name', async () => {
    const c = await withDirectory();
    expect(await resolveIssuer(ws.db, '武汉市人民政府办公厅')).toBe(await unitId(c, '武汉市人民政府办公厅'));
    // Not in the directory itself: the government it begins with.
    expect(await resolveIssuer(ws.db, '湖南省人民政府某某工作领导小组办公室')).toBe(
      await unitId(c, '湖南省人民政府'),
    );
    expect(await resolveIssuer(ws.db, '长沙市人民政府办公厅')).toBe(await unitId(c, '长沙市人民政府'));
    expect(await resolveIssuer(ws.db, '某个不存在的机关')).toBeNull();
  });

  test('a coordinator creates a unit, gives it a short name in its parent’s documents, and it resolves there only', async () => {
    const c = await withDirectory();
    const wuhanGov = await unitId(c, '武汉市人民政府');
    const wuhanOffice = await unitId(c, '武汉市人民政府办公厅');
    const created = await c.post('/api/units', {
      name: '武汉市乡村振兴局',
      level: 'prefecture',
      kind: 'department',
      region: '湖北省',
      parentId: wuhanGov,
      shortNames: ['市乡村振兴局'],
    });
    expect(created.status).toBe(201);
    const inWuhan = await c.post('/api/units/resolve', {
      names: ['市乡村振兴局'],
      contextUnitId: wuhanOffice,
    });
    expect(inWuhan.body.items[0].unitId).toBe(created.body.id);
    const elsewhere = await c.post('/api/units/resolve', {
      names: ['市乡村振兴局'],
      contextUnitId: await unitId(c, '长沙市人民政府'),
    });
    expect(elsewhere.body.items[0].status).toBe('unknown');
    const dup = await c.post('/api/units', {
      name: '武汉市乡村振兴局',
      level: 'prefecture',
      kind: 'department',
    });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('unit.name_taken');
  });

  test('a reporter reads the directory but cannot change it', async () => {
    await withDirectory();
    const r = await ws.as(['reporter']);
    expect((await r.get('/api/units?q=武汉')).status).toBe(200);
    const listed = await r.get('/api/units?q=武汉市交通运输局');
    expect(listed.body.items[0].actions).toEqual([]);
    const res = await r.post('/api/units', { name: '某单位', level: 'other', kind: 'other' });
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/权限/);
  });

  test('the tree can be walked from the top: national → provinces → their cities and departments', async () => {
    const c = await withDirectory();
    // (The signed-in coordinator's own test unit is top-level too.)
    const top = (await c.get('/api/units?parentId=root')).body.items.filter(
      (u: { level: string }) => u.level === 'national',
    );
    expect(top.map((u: { name: string }) => u.name)).toEqual(['中华人民共和国国务院']);
    const provinces = (await c.get(`/api/units?parentId=${top[0].id}&limit=500`)).body.items.filter(
      (u: { kind: string }) => u.kind === 'government',
    );
    expect(provinces).toHaveLength(3);
    const hubei = provinces.find((u: { name: string }) => u.name === '湖北省人民政府');
    const under = (await c.get(`/api/units?parentId=${hubei.id}&limit=500`)).body.items;
    expect(
      under.filter(
        (u: { level: string; kind: string }) => u.level === 'prefecture' && u.kind === 'government',
      ),
    ).toHaveLength(17);
    expect(under.map((u: { name: string }) => u.name)).toContain('湖北省发展和改革委员会');
  });

  test('a collective group lists its members', async () => {
    const c = await withDirectory();
    const id = await unitId(c, '长江中游城市群湖北省相关城市人民政府');
    const res = await c.get(`/api/units/${id}`);
    expect(res.body.isGroup).toBe(true);
    expect(res.body.members).toHaveLength(13);
    expect(res.body.members.map((m: { name: string }) => m.name)).toContain('武汉市人民政府');
  });
});

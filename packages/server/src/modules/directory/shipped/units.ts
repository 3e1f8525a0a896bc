/**
 * The unit directory shipped with Xietong, written for this project: the governments of Hubei,
 * Hunan and Jiangxi and their 42 prefecture-level governments (as in shared/geo), the provincial
 * departments named in the seed documents (for all three provinces, which share the structure),
 * central units in Hubei, and Wuhan's municipal departments, districts and development zones.
 *
 * `short` names are printed forms valid only in documents issued under `scope` (by default the
 * government the unit belongs to: 市发改委 means Wuhan's only in a Wuhan document); `aliases` are
 * valid everywhere.
 */
export type UnitLevel = 'national' | 'province' | 'prefecture' | 'county' | 'other';
export type UnitKind =
  'government' | 'department' | 'party' | 'zone' | 'enterprise' | 'central' | 'people' | 'group' | 'other';

export interface UnitSeed {
  code: string;
  name: string;
  level: UnitLevel;
  kind: UnitKind;
  region: string | null;
  parent: string | null;
  short?: string[];
  aliases?: string[];
  /** Code of the unit in whose documents `short` names apply; default: `parent` (or self for governments). */
  scope?: string;
  /** Collective groups: codes of the members. */
  members?: string[];
}

const PROVINCES = [
  { code: 'hb', name: '湖北省', short: '鄂' },
  { code: 'hn', name: '湖南省', short: '湘' },
  { code: 'jx', name: '江西省', short: '赣' },
] as const;

/** Prefecture-level units per province (names as in shared/geo's `name` property). */
const PREFECTURES: Record<string, string[]> = {
  hb: [
    '武汉',
    '黄石',
    '十堰',
    '宜昌',
    '襄阳',
    '鄂州',
    '荆门',
    '孝感',
    '荆州',
    '黄冈',
    '咸宁',
    '随州',
    '恩施土家族苗族自治州',
    '仙桃',
    '潜江',
    '天门',
    '神农架林区',
  ],
  hn: [
    '长沙',
    '株洲',
    '湘潭',
    '衡阳',
    '邵阳',
    '岳阳',
    '常德',
    '张家界',
    '益阳',
    '郴州',
    '永州',
    '怀化',
    '娄底',
    '湘西土家族苗族自治州',
  ],
  jx: ['南昌', '景德镇', '萍乡', '九江', '新余', '鹰潭', '赣州', '吉安', '宜春', '抚州', '上饶'],
};

const AUTONOMOUS_SHORT: Record<string, string> = {
  恩施土家族苗族自治州: '恩施州',
  湘西土家族苗族自治州: '湘西州',
};

/** Provincial departments: [full name after the province (use {P} for the province), short names…, kind]. */
const PROVINCIAL_DEPARTMENTS: [string, string[], UnitKind?][] = [
  ['{P}人民政府办公厅', ['省政府办公厅', '省人民政府办公厅']],
  ['{P}发展和改革委员会', ['省发改委', '省发展改革委']],
  ['{P}经济和信息化厅', ['省经信厅']],
  ['{P}教育厅', ['省教育厅']],
  ['{P}科学技术厅', ['省科技厅']],
  ['{P}公安厅', ['省公安厅']],
  ['{P}民政厅', ['省民政厅']],
  ['{P}财政厅', ['省财政厅']],
  ['{P}人力资源和社会保障厅', ['省人社厅']],
  ['{P}自然资源厅', ['省自然资源厅']],
  ['{P}生态环境厅', ['省生态环境厅']],
  ['{P}住房和城乡建设厅', ['省住建厅']],
  ['{P}交通运输厅', ['省交通运输厅']],
  ['{P}水利厅', ['省水利厅']],
  ['{P}农业农村厅', ['省农业农村厅']],
  ['{P}商务厅', ['省商务厅']],
  ['{P}文化和旅游厅', ['省文旅厅', '省文化和旅游厅']],
  ['{P}卫生健康委员会', ['省卫健委', '省卫生健康委']],
  ['{P}应急管理厅', ['省应急厅', '省应急管理厅']],
  ['{P}审计厅', ['省审计厅']],
  ['{P}人民政府国有资产监督管理委员会', ['省政府国资委', '省国资委']],
  ['{P}市场监督管理局', ['省市场监管局']],
  ['{P}统计局', ['省统计局']],
  ['{P}医疗保障局', ['省医保局']],
  ['{P}能源局', ['省能源局']],
  ['{P}林业局', ['省林业局']],
  ['{P}粮食和物资储备局', ['省粮食局']],
  ['{P}知识产权局', ['省知识产权局']],
  ['{P}广播电视局', ['省广电局']],
  ['{P}文物局', ['省文物局']],
  ['{P}地方金融监督管理局', ['省地方金融监管局', '省地方金融局']],
  ['{P}政务管理办公室', ['省政务办']],
  ['{P}供销合作社联合社', ['省供销社'], 'people'],
  ['{P}残疾人联合会', ['省残联'], 'people'],
  ['{P}消防救援总队', ['省消防救援总队'], 'central'],
  ['国家税务总局{P}税务局', ['省税务局'], 'central'],
  ['中共{P}委组织部', ['省委组织部'], 'party'],
  ['中共{P}委宣传部', ['省委宣传部'], 'party'],
  ['中共{P}委统一战线工作部', ['省委统战部'], 'party'],
  ['中共{P}委网络安全和信息化委员会办公室', ['省委网信办'], 'party'],
  ['中共{P}委外事工作委员会办公室', ['省委外办'], 'party'],
  ['中共{P}委军民融合发展委员会办公室', ['省委军民融合办'], 'party'],
];

/** Central units in Hubei (global aliases: their printed names are unambiguous). */
const HUBEI_CENTRAL: [string, string, string[]][] = [
  ['hb.pbc', '中国人民银行武汉分行', ['人行武汉分行', '人民银行武汉分行']],
  ['hb.csrc', '中国证券监督管理委员会湖北监管局', ['湖北证监局']],
  ['hb.cbirc', '中国银行保险监督管理委员会湖北监管局', ['湖北银保监局']],
  ['hb.customs', '中华人民共和国武汉海关', ['武汉海关']],
];

/** Wuhan municipal departments: [full name, short names (valid in Wuhan documents), kind]. */
const WUHAN_DEPARTMENTS: [string, string[], UnitKind?][] = [
  ['武汉市人民政府办公厅', ['市政府办公厅', '市人民政府办公厅']],
  ['武汉市人民政府督查室', ['市政府督查室', '市人民政府督查室']],
  ['武汉市发展和改革委员会', ['市发改委', '市发展改革委']],
  ['武汉市经济和信息化局', ['市经信局']],
  ['武汉市教育局', ['市教育局']],
  ['武汉市科学技术局', ['市科技局']],
  ['武汉市公安局', ['市公安局']],
  ['武汉市民政局', ['市民政局']],
  ['武汉市财政局', ['市财政局']],
  ['武汉市人力资源和社会保障局', ['市人社局']],
  ['武汉市自然资源和规划局', ['市自然资源规划局', '市自然资源和规划局']],
  ['武汉市生态环境局', ['市生态环境局']],
  ['武汉市城乡建设局', ['市城建局']],
  ['武汉市交通运输局', ['市交通运输局']],
  ['武汉市水务局', ['市水务局']],
  ['武汉市商务局', ['市商务局']],
  ['武汉市招商办公室', ['市招商办']],
  ['武汉市文化和旅游局', ['市文旅局']],
  ['武汉市卫生健康委员会', ['市卫健委']],
  ['武汉市市场监督管理局', ['市市场监管局']],
  ['武汉市统计局', ['市统计局']],
  ['武汉市医疗保障局', ['市医保局']],
  ['武汉市地方金融工作局', ['市地方金融局']],
  ['武汉市政务服务和大数据管理局', ['市政务服务大数据局']],
  ['武汉住房公积金管理中心', ['武汉公积金中心', '市公积金中心']],
  ['国家税务总局武汉市税务局', ['市税务局'], 'central'],
  ['中共武汉市委组织部', ['市委组织部'], 'party'],
  ['中共武汉市委宣传部', ['市委宣传部'], 'party'],
  ['中共武汉市委网络安全和信息化委员会办公室', ['市委网信办'], 'party'],
  ['武汉市科学技术协会', ['市科协'], 'people'],
  ['政协武汉市委员会', ['市政协'], 'people'],
  ['武汉城市圈同城化发展办公室', ['武圈办'], 'other'],
  ['武汉城市圈同城化发展办公室秘书处', ['武圈办秘书处'], 'other'],
];

/** Wuhan's districts (short: the district name, in Wuhan documents). */
const WUHAN_DISTRICTS = [
  '江岸区',
  '江汉区',
  '硚口区',
  '汉阳区',
  '武昌区',
  '青山区',
  '洪山区',
  '东西湖区',
  '汉南区',
  '蔡甸区',
  '江夏区',
  '黄陂区',
  '新洲区',
];

/** Wuhan's development zones and municipal enterprises/media: [code, full, short names, kind]. */
const WUHAN_OTHERS: [string, string, string[], UnitKind][] = [
  [
    'hb.wh.ehdz',
    '武汉东湖新技术开发区管理委员会',
    ['东湖高新区', '东湖高新区管委会', '东湖新技术开发区管委会'],
    'zone',
  ],
  ['hb.wh.wedz', '武汉经济技术开发区管理委员会', ['武汉经开区', '武汉经开区管委会'], 'zone'],
  ['hb.wh.lkg', '武汉临空港经济技术开发区管理委员会', ['临空港开发区', '临空港开发区管委会'], 'zone'],
  [
    'hb.wh.cjxc',
    '武汉长江新区管理委员会',
    ['长江新城管委会', '长江新区管委会', '长江新城', '长江新区'],
    'zone',
  ],
  ['hb.wh.port', '武汉新港管理委员会', ['武汉新港委', '武汉新港管委会'], 'zone'],
  ['hb.wh.metro', '武汉地铁集团有限公司', ['武汉地铁集团'], 'enterprise'],
  ['hb.wh.cjdaily', '长江日报报业集团', ['长报集团'], 'enterprise'],
  ['hb.wh.tv', '武汉广播电视台', [], 'enterprise'],
];

/** Cities of Hubei in the Middle Yangtze urban agglomeration (seed 003 lists these 13). */
const HUBEI_AGGLOMERATION = [
  '武汉',
  '襄阳',
  '宜昌',
  '黄石',
  '荆州',
  '荆门',
  '鄂州',
  '孝感',
  '黄冈',
  '咸宁',
  '仙桃',
  '天门',
  '潜江',
];

function prefectureName(short: string): { full: string; city: string } {
  if (short.endsWith('自治州')) return { full: `${short}人民政府`, city: short };
  if (short === '神农架林区') return { full: '神农架林区人民政府', city: short };
  return { full: `${short}市人民政府`, city: `${short}市` };
}

/** Builds the shipped directory. */
export function directorySeeds(): UnitSeed[] {
  const out: UnitSeed[] = [
    {
      code: 'cn',
      name: '中华人民共和国国务院',
      level: 'national',
      kind: 'government',
      region: null,
      parent: null,
      aliases: ['国务院'],
    },
    {
      code: 'cn.ndrc',
      name: '中华人民共和国国家发展和改革委员会',
      level: 'national',
      kind: 'department',
      region: null,
      parent: 'cn',
      aliases: ['国家发展和改革委员会', '国家发展改革委', '国家发改委'],
    },
  ];
  for (const p of PROVINCES) {
    out.push({
      code: p.code,
      name: `${p.name}人民政府`,
      level: 'province',
      kind: 'government',
      region: p.name,
      parent: 'cn',
      aliases: [p.name, `${p.name}政府`],
      short: ['省政府', '省人民政府'],
      scope: p.code,
    });
    for (const [template, short, kind] of PROVINCIAL_DEPARTMENTS) {
      out.push({
        code: `${p.code}.${short[0]!.replace(/^省/, '')}`,
        // 中共{P}委宣传部 → 中共湖北省委宣传部
        name: template.replace('{P}', p.name),
        level: 'province',
        kind: kind ?? 'department',
        region: p.name,
        parent: p.code,
        short,
      });
    }
    const cityCodes: string[] = [];
    for (const short of PREFECTURES[p.code]!) {
      const { full, city } = prefectureName(short);
      const code = `${p.code}.${short}`;
      cityCodes.push(code);
      const aliases = [city, `${city}政府`];
      if (AUTONOMOUS_SHORT[short])
        aliases.push(AUTONOMOUS_SHORT[short], `${AUTONOMOUS_SHORT[short]}人民政府`);
      out.push({
        code,
        name: full,
        level: 'prefecture',
        kind: 'government',
        region: p.name,
        parent: p.code,
        aliases,
        short: ['市政府', '市人民政府'],
        scope: code,
      });
    }
    out.push({
      code: `${p.code}.各市州县`,
      name: `${p.name}各市、州、县人民政府`,
      level: 'province',
      kind: 'group',
      region: p.name,
      parent: p.code,
      short: ['各市、州、县人民政府', '各市州县人民政府', '各市（州）人民政府'],
      members: cityCodes,
    });
  }
  for (const [code, name, aliases] of HUBEI_CENTRAL) {
    out.push({ code, name, level: 'province', kind: 'central', region: '湖北省', parent: 'hb', aliases });
  }
  out.push({
    code: 'hb.长江中游城市群相关城市',
    name: '长江中游城市群湖北省相关城市人民政府',
    level: 'province',
    kind: 'group',
    region: '湖北省',
    parent: 'hb',
    short: ['长江中游城市群相关城市人民政府', '长江中游城市群相关城市'],
    members: HUBEI_AGGLOMERATION.map((c) => `hb.${c}`),
  });
  for (const [name, what] of [
    ['湖北省战略性新兴产业发展领导小组成员单位', '省战略性新兴产业发展领导小组成员单位'],
    ['湖北省科技领导小组成员单位', '省科技领导小组成员单位'],
  ] as const) {
    out.push({
      code: `hb.${what}`,
      name,
      level: 'province',
      kind: 'group',
      region: '湖北省',
      parent: 'hb',
      short: [what],
      members: [],
    });
  }
  out.push({
    code: 'hb.airport',
    name: '湖北机场集团有限公司',
    level: 'province',
    kind: 'enterprise',
    region: '湖北省',
    parent: 'hb',
    aliases: ['湖北机场集团'],
  });
  const wh = 'hb.武汉';
  for (const [name, short, kind] of WUHAN_DEPARTMENTS) {
    out.push({
      code: `${wh}.${short[0]}`,
      name,
      level: 'prefecture',
      kind: kind ?? 'department',
      region: '湖北省',
      parent: wh,
      short,
    });
  }
  for (const d of WUHAN_DISTRICTS) {
    out.push({
      code: `${wh}.${d}`,
      name: `武汉市${d}人民政府`,
      level: 'county',
      kind: 'government',
      region: '湖北省',
      parent: wh,
      short: [d, `${d}人民政府`, `${d}政府`],
    });
  }
  for (const [code, name, short, kind] of WUHAN_OTHERS) {
    out.push({
      code,
      name,
      level: 'prefecture',
      kind,
      region: '湖北省',
      parent: wh,
      short: short.length ? short : undefined,
      aliases: [name],
    });
  }
  return out;
}

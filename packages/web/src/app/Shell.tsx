import {
  AimOutlined,
  AppstoreOutlined,
  AlertOutlined,
  CloudUploadOutlined,
  FormOutlined,
  GlobalOutlined,
  LineChartOutlined,
  LogoutOutlined,
  PartitionOutlined,
  SettingOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Dropdown, Flex, Layout, Menu, Tag } from 'antd';
import { lazy, Suspense, useState, type ReactNode } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { t } from '../i18n/zh-CN';
import { navFor, navKeyFor } from './nav';
import { useSession } from './session';
const ReloginModal = lazy(() => import('./ReloginModal'));

const ICONS: Record<string, ReactNode> = {
  workbench: <AppstoreOutlined />,
  import: <CloudUploadOutlined />,
  plans: <PartitionOutlined />,
  todo: <FormOutlined />,
  supervision: <AlertOutlined />,
  indicators: <LineChartOutlined />,
  map: <AimOutlined />,
  admin: <SettingOutlined />,
  public: <GlobalOutlined />,
};

export default function Shell() {
  const { session, logout, expired } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const user = session.user!;
  const items = navFor(user.roles).map((n) => ({ key: n.key, icon: ICONS[n.key], label: n.label, path: n.path }));

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">
        {t.app.skipToContent}
      </a>
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={0}
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={200}
        theme="dark"
        aria-label={t.nav.menu}
      >
        <div style={{ padding: '16px 20px' }}>
          <span className="app-brand">{t.app.name}</span>
        </div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[navKeyFor(location.pathname)]}
          items={items.map(({ key, icon, label }) => ({ key, icon, label }))}
          onClick={({ key }) => {
            const item = items.find((i) => i.key === key);
            if (item) void navigate(item.path);
            if (window.innerWidth < 992) setCollapsed(true);
          }}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header" style={{ background: '#fff', padding: '0 16px', borderBottom: '1px solid #e8e8e8' }}>
          <Flex justify="space-between" align="center" style={{ height: '100%' }} gap={8}>
            <strong className="hide-narrow" style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
              {t.app.fullName}
            </strong>
            <Flex align="center" gap={8} style={{ marginLeft: 'auto' }}>
              {user.unitName ? (
                <span className="hide-narrow" style={{ color: 'rgba(0,0,0,0.55)', maxWidth: 260, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  {user.unitName}
                </span>
              ) : null}
              {user.roles.slice(0, 2).map((r) => (
                <Tag key={r} className="hide-narrow">
                  {t.roles[r] ?? r}
                </Tag>
              ))}
              <Dropdown
                menu={{
                  items: [{ key: 'logout', icon: <LogoutOutlined />, label: t.app.logout }],
                  onClick: ({ key }) => {
                    if (key === 'logout') void logout().catch(() => undefined).then(() => navigate('/login'));
                  },
                }}
              >
                <Button type="text" icon={<UserOutlined />} aria-label={user.name}>
                  {user.name}
                </Button>
              </Dropdown>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content id="main" tabIndex={-1}>
          <div className="app-content">
            <Outlet />
          </div>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: 'center', color: '#8c8c8c', padding: '12px' }}>{t.app.footer}</Layout.Footer>
      </Layout>
      {expired ? (
        <Suspense fallback={null}>
          <ReloginModal />
        </Suspense>
      ) : null}
    </Layout>
  );
}

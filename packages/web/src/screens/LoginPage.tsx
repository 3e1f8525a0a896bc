import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { errorMessage } from '../api/client';
import { useSession } from '../app/session';
import { t } from '../i18n/zh-CN';

interface LoginForm {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { session, login, loading } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  useEffect(() => {
    document.title = `${t.login.title} · ${t.app.name}`;
  }, []);

  if (!loading && session.user) return <Navigate to={from} replace />;

  const onFinish = async (v: LoginForm) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.username.trim(), v.password);
      void navigate(from, { replace: true });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #1f5fa8 0%, #163f6e 100%)',
      }}
    >
      <div style={{ width: '100%', maxWidth: 400, background: '#fff', borderRadius: 8, padding: '32px 28px', boxShadow: '0 8px 24px rgba(0,0,0,0.2)' }}>
        <div style={{ textAlign: 'center', fontSize: 30, fontWeight: 700, letterSpacing: 6 }}>{t.app.name}</div>
        <p style={{ textAlign: 'center', color: 'rgba(0,0,0,0.5)', margin: '4px 0 20px' }}>{t.app.fullName.replace(`${t.app.name} · `, '')}</p>
        <h1 style={{ fontSize: 18, margin: '0 0 4px' }}>{t.login.title}</h1>
        <p style={{ color: 'rgba(0,0,0,0.5)', marginTop: 0 }}>{t.login.subtitle}</p>
        <Form<LoginForm> layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false} disabled={busy}>
          <Form.Item name="username" label={t.login.username} rules={[{ required: true, whitespace: true, message: t.login.usernameRequired }]}>
            <Input prefix={<UserOutlined />} placeholder={t.login.usernamePlaceholder} autoComplete="username" size="large" autoFocus />
          </Form.Item>
          <Form.Item name="password" label={t.login.password} rules={[{ required: true, message: t.login.passwordRequired }]}>
            <Input.Password prefix={<LockOutlined />} placeholder={t.login.passwordPlaceholder} autoComplete="current-password" size="large" />
          </Form.Item>
          {error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} /> : null}
          <Button type="primary" htmlType="submit" block size="large" loading={busy}>
            {busy ? t.login.submitting : t.login.submit}
          </Button>
        </Form>
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Link to="/public">{t.login.publicLink}</Link>
        </div>
      </div>
    </main>
  );
}

import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
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
      navigate(from, { replace: true });
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
      <Card style={{ width: '100%', maxWidth: 400 }}>
        <Typography.Title level={2} style={{ textAlign: 'center', marginBottom: 4, letterSpacing: 4 }}>
          {t.app.name}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t.app.fullName.replace(`${t.app.name} · `, '')}
        </Typography.Paragraph>
        <Typography.Title level={4} style={{ marginTop: 8 }}>
          {t.login.title}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t.login.subtitle}</Typography.Paragraph>
        <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} disabled={busy}>
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
      </Card>
    </main>
  );
}

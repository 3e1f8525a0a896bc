import { Spin } from 'antd';
import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation, Link } from 'react-router';
import { t } from '../i18n/zh-CN';
import { useSession } from './session';

// The entry holds only the router and session; the shell, login and every screen are their own chunks.
const Shell = lazy(() => import('./Shell'));
const LoginPage = lazy(() => import('../screens/LoginPage'));
// One chunk per screen: ECharts, the map and the review component load only where used.
const WorkbenchPage = lazy(() => import('../screens/WorkbenchPage'));
const ImportPage = lazy(() => import('../screens/ImportPage'));
const DraftReviewPage = lazy(() => import('../screens/DraftReviewPage'));
const PlansPage = lazy(() => import('../screens/PlansPage'));
const PlanPage = lazy(() => import('../screens/PlanPage'));
const TaskPage = lazy(() => import('../screens/TaskPage'));
const UnitTodoPage = lazy(() => import('../screens/UnitTodoPage'));
const ReportPage = lazy(() => import('../screens/ReportPage'));
const SupervisionPage = lazy(() => import('../screens/SupervisionPage'));
const IndicatorsPage = lazy(() => import('../screens/IndicatorsPage'));
const MapPage = lazy(() => import('../screens/MapPage'));
const PublicPage = lazy(() => import('../screens/PublicPage'));
const AdminPage = lazy(() => import('../screens/AdminPage'));

export function Loading() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }} aria-busy="true">
      <Spin description={t.app.loading}>
        <div style={{ minHeight: 40 }} />
      </Spin>
    </div>
  );
}

function RequireLogin({ children }: { children: ReactNode }) {
  const { session, loading } = useSession();
  const location = useLocation();
  if (loading) return <Loading />;
  if (!session.user) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

function NotFound() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <h2>{t.app.notFound}</h2>
      <p>{t.app.notFoundHint}</p>
      <Link to="/">{t.app.backHome}</Link>
    </div>
  );
}

const s = (node: ReactNode) => <Suspense fallback={<Loading />}>{node}</Suspense>;

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={s(<LoginPage />)} />
      <Route path="/public/*" element={s(<PublicPage />)} />
      <Route
        element={
          <RequireLogin>
            <Suspense fallback={<Loading />}>
              <Shell />
            </Suspense>
          </RequireLogin>
        }
      >
        <Route index element={s(<WorkbenchPage />)} />
        <Route path="import" element={s(<ImportPage />)} />
        <Route path="import/:draftId" element={s(<DraftReviewPage />)} />
        <Route path="plans" element={s(<PlansPage />)} />
        <Route path="plans/:planId" element={s(<PlanPage />)} />
        <Route path="tasks/:taskId" element={s(<TaskPage />)} />
        <Route path="todo" element={s(<UnitTodoPage />)} />
        <Route path="reports/:reportId" element={s(<ReportPage />)} />
        <Route path="supervision" element={s(<SupervisionPage />)} />
        <Route path="indicators" element={s(<IndicatorsPage />)} />
        <Route path="map" element={s(<MapPage />)} />
        <Route path="admin" element={s(<AdminPage />)} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

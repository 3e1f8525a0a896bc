import { ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter } from 'react-router';
import { SessionProvider } from './session';
import { AppRoutes } from './routes';

dayjs.locale('zh-cn');

const theme = {
  token: { colorPrimary: '#1f5fa8', borderRadius: 4, fontSize: 14 },
};

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <SessionProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </SessionProvider>
    </ConfigProvider>
  );
}

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

function App() {
  return <h1>协同 · 规划实施责任闭环平台</h1>;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

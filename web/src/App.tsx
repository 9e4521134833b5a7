import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage, onSessionLost, setCsrfToken } from './api/client.js';
import type { Role, User } from './api/types.js';
import { href, parseRoute, type Route } from './lib/route.js';
import { AuditPage } from './pages/AuditPage.js';
import { ClaimPage } from './pages/ClaimPage.js';
import { ClaimsPage } from './pages/ClaimsPage.js';
import { DashboardPage } from './pages/DashboardPage.js';
import { DenialsPage } from './pages/DenialsPage.js';
import { EncounterPage } from './pages/EncounterPage.js';
import { IndexTermPage, IndexTermsPage } from './pages/IndexPage.js';
import { LoginPage } from './pages/LoginPage.js';
import { PasswordPage } from './pages/PasswordPage.js';
import { PcsBuilderPage } from './pages/PcsBuilderPage.js';
import { QaItemPage } from './pages/QaItemPage.js';
import { QaPage } from './pages/QaPage.js';
import { QaSamplePage } from './pages/QaSamplePage.js';
import { QueriesPage } from './pages/QueriesPage.js';
import { RemitPage } from './pages/RemitPage.js';
import { RemitsPage } from './pages/RemitsPage.js';
import { TabularPage } from './pages/TabularPage.js';
import { TransitionsPage } from './pages/TransitionsPage.js';
import { UsersPage } from './pages/UsersPage.js';
import { WorklistPage } from './pages/WorklistPage.js';

/** Which pages each role sees in the navigation (the server enforces the same on every route). */
const NAV: {
  page:
    | 'worklist'
    | 'claims'
    | 'remits'
    | 'denials'
    | 'dashboard'
    | 'tabular'
    | 'pcs'
    | 'index'
    | 'transitions'
    | 'audit'
    | 'qa'
    | 'users'
    | 'queries';
  label: string;
  roles: Role[];
}[] = [
  { page: 'worklist', label: 'Worklist', roles: ['admin', 'supervisor', 'coder', 'auditor'] },
  { page: 'tabular', label: 'Tabular', roles: ['admin', 'supervisor', 'coder', 'auditor', 'biller'] },
  { page: 'index', label: 'Index', roles: ['admin', 'supervisor', 'coder', 'auditor', 'biller'] },
  { page: 'pcs', label: 'PCS builder', roles: ['admin', 'supervisor', 'coder', 'auditor', 'biller'] },
  { page: 'transitions', label: 'Transitions', roles: ['admin', 'supervisor', 'coder', 'auditor', 'biller'] },
  { page: 'claims', label: 'Claims', roles: ['admin', 'supervisor', 'coder', 'auditor', 'biller'] },
  { page: 'remits', label: 'Remittances', roles: ['admin', 'supervisor', 'biller', 'auditor'] },
  { page: 'denials', label: 'Denials', roles: ['admin', 'supervisor', 'biller', 'auditor'] },
  { page: 'dashboard', label: 'Dashboard', roles: ['admin', 'supervisor', 'coder', 'auditor', 'biller'] },
  { page: 'audit', label: 'Audit log', roles: ['admin', 'auditor'] },
  { page: 'qa', label: 'Coding QA', roles: ['admin', 'supervisor', 'auditor', 'coder'] },
  { page: 'users', label: 'Accounts', roles: ['admin'] },
  { page: 'queries', label: 'My queries', roles: ['provider'] },
];

/** Where a navigation entry starts: the browsers open at their first page. */
function navHref(page: (typeof NAV)[number]['page']): string {
  if (page === 'tabular') return href({ page, target: '' });
  if (page === 'pcs') return href({ page, prefix: '' });
  if (page === 'index') return href({ page, kind: 'disease', prefix: 'a' });
  return href({ page });
}

function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function App() {
  const [user, setUser] = useState<User | null>(null);
  const [checking, setChecking] = useState(true);
  const route = useHashRoute();

  // An expired session on any request brings back the login form (the page keeps its route).
  useEffect(() => {
    onSessionLost(() => {
      setCsrfToken(null);
      setUser(null);
    });
    return () => onSessionLost(null);
  }, []);

  useEffect(() => {
    api
      .me()
      .then((s) => {
        setCsrfToken(s.csrfToken);
        setUser({ ...s.user, permissions: s.permissions ?? [] });
      })
      .catch(() => setUser(null))
      .finally(() => setChecking(false));
  }, []);

  const onLogin = useCallback((u: User, csrf: string) => {
    setCsrfToken(csrf);
    setUser(u);
    // Billers and providers start where their work is; everyone else on the worklist.
    if (!window.location.hash || window.location.hash === '#/') {
      window.location.hash =
        u.role === 'biller' ? '#/claims' : u.role === 'provider' ? '#/queries' : '#/worklist';
    }
  }, []);

  const [logoutError, setLogoutError] = useState<string | null>(null);
  const onLogout = useCallback(() => {
    api
      .logout()
      .then(() => {
        setCsrfToken(null);
        setUser(null);
        window.location.hash = '';
      })
      .catch((err) => setLogoutError(errorMessage(err)));
  }, []);

  if (checking) return <p className="loading">Loading…</p>;
  if (!user) return <LoginPage onLogin={onLogin} />;

  const current =
    route.page === 'encounter'
      ? 'worklist'
      : route.page === 'claim'
        ? 'claims'
        : route.page === 'remit'
          ? 'remits'
          : route.page === 'index-term'
            ? 'index'
            : route.page === 'query'
              ? 'queries'
              : route.page;
  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">medcoder</span>
        <nav aria-label="Main">
          <ul>
            {NAV.filter((n) => n.roles.includes(user.role)).map((n) => (
              <li key={n.page}>
                <a href={navHref(n.page)} aria-current={current === n.page ? 'page' : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span className="who" data-testid="current-user">
          {user.username} <span className="role">({user.role})</span>
        </span>
        <a href={href({ page: 'password' })} aria-current={route.page === 'password' ? 'page' : undefined}>
          Password
        </a>
        <button type="button" onClick={onLogout}>
          Log out
        </button>
        {logoutError && (
          <span role="alert" className="error">
            {logoutError}
          </span>
        )}
      </header>
      <main>
        <Page route={route} user={user} />
      </main>
    </div>
  );
}

function Page({ route, user }: { route: Route; user: User }) {
  switch (route.page) {
    case 'worklist':
      // A provider has no worklist: their page is their queries.
      return user.role === 'provider' ? <QueriesPage /> : <WorklistPage />;
    case 'queries':
      return <QueriesPage />;
    case 'query':
      return <QueriesPage id={route.id} />;
    case 'encounter':
      return <EncounterPage id={route.id} user={user} />;
    case 'claims':
      return <ClaimsPage />;
    case 'claim':
      return <ClaimPage id={route.id} user={user} />;
    case 'remits':
      return <RemitsPage user={user} />;
    case 'remit':
      return <RemitPage id={route.id} />;
    case 'denials':
      return <DenialsPage user={user} />;
    case 'dashboard':
      return <DashboardPage />;
    case 'tabular':
      return <TabularPage target={route.target} />;
    case 'pcs':
      return <PcsBuilderPage prefix={route.prefix} />;
    case 'index':
      return <IndexTermsPage kind={route.kind} prefix={route.prefix} />;
    case 'index-term':
      return <IndexTermPage kind={route.kind} id={route.id} />;
    case 'transitions':
      return <TransitionsPage />;
    case 'audit':
      return <AuditPage />;
    case 'users':
      return <UsersPage user={user} />;
    case 'qa':
      return <QaPage user={user} />;
    case 'qa-sample':
      return <QaSamplePage id={route.id} />;
    case 'qa-item':
      return <QaItemPage id={route.id} user={user} />;
    case 'password':
      return <PasswordPage />;
    default:
      return (
        <section>
          <h1>Page not found</h1>
          <p>
            Nothing lives at <code>{route.path}</code>.{' '}
            <a href={href({ page: 'worklist' })}>Go to the worklist</a>.
          </p>
        </section>
      );
  }
}

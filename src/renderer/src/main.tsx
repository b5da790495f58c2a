// Renderer entry: mounts the app inside the settings and i18n providers; the shell waits for settings so
// the first paint already has the right theme, language and font size.
import { StrictMode, type ReactNode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { ErrorBoundary } from './components/ErrorBoundary'
import { SettingsProvider, useSettings } from './features/settings/settings-context'
import { I18nProvider } from './i18n'
import './styles/base.css'
import './styles/app.css'
import './styles/reader.css'

function Localised({ children }: { children: ReactNode }) {
  const { language, loaded } = useSettings()
  return (
    <I18nProvider language={language}>
      {loaded ? children : <div className="boot" aria-busy="true" />}
    </I18nProvider>
  )
}

const root = document.getElementById('root')
if (!root) throw new Error('#root missing from index.html')
createRoot(root).render(
  <StrictMode>
    <SettingsProvider>
      <Localised>
        <ErrorBoundary>
          <App />
        </ErrorBoundary>
      </Localised>
    </SettingsProvider>
  </StrictMode>
)

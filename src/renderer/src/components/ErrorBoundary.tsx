// Error boundary around each pane: a render error shows a small panel with Retry instead of blanking the window.
import { Component, type ReactNode } from 'react'
import { useI18n } from '../i18n'

function Fallback({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useI18n()
  return (
    <div className="empty-state" role="alert">
      <h2 className="empty-state__title">{t('error.title')}</h2>
      <p className="empty-state__body">{t('error.body')}</p>
      <p className="empty-state__detail">{error.message}</p>
      <button type="button" className="button" onClick={onRetry}>
        {t('action.retry')}
      </button>
    </div>
  )
}

interface Props {
  children: ReactNode
  /** Changing this key clears a caught error (e.g. when another article is opened). */
  resetKey?: unknown
}

export class ErrorBoundary extends Component<Props, { error: Error | null; key: unknown }> {
  override state: { error: Error | null; key: unknown } = { error: null, key: this.props.resetKey }

  static getDerivedStateFromError(error: Error) {
    return { error }
  }

  static getDerivedStateFromProps(props: Props, state: { error: Error | null; key: unknown }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null
  }

  override componentDidCatch(error: Error): void {
    console.error(error)
  }

  override render() {
    if (this.state.error) return <Fallback error={this.state.error} onRetry={() => this.setState({ error: null })} />
    return this.props.children
  }
}

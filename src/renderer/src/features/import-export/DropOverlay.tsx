// Window-wide drag and drop: dropping files or folders anywhere imports them; an overlay shows while dragging.
import { useEffect, useEffectEvent, useRef, useState } from 'react'
import { Icon } from '../../components/Icon'
import { useI18n } from '../../i18n'
import { filesFromDrop } from './read-files'

export function DropOverlay({ onFiles }: { onFiles: (files: { file: File; name: string }[]) => void }) {
  const { t } = useI18n()
  const [active, setActive] = useState(false)
  const depth = useRef(0)
  const deliver = useEffectEvent((files: { file: File; name: string }[]) => onFiles(files))

  useEffect(() => {
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return
      depth.current++
      setActive(true)
    }
    const over = (e: DragEvent) => {
      if (!hasFiles(e)) return
      // Without preventDefault the browser would navigate to the dropped file.
      e.preventDefault()
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'
    }
    const leave = (e: DragEvent) => {
      if (!hasFiles(e)) return
      depth.current = Math.max(0, depth.current - 1)
      if (depth.current === 0) setActive(false)
    }
    const drop = (e: DragEvent) => {
      if (!hasFiles(e) || !e.dataTransfer) return
      e.preventDefault()
      depth.current = 0
      setActive(false)
      filesFromDrop(e.dataTransfer).then(deliver, console.error)
    }
    window.addEventListener('dragenter', enter)
    window.addEventListener('dragover', over)
    window.addEventListener('dragleave', leave)
    window.addEventListener('drop', drop)
    return () => {
      window.removeEventListener('dragenter', enter)
      window.removeEventListener('dragover', over)
      window.removeEventListener('dragleave', leave)
      window.removeEventListener('drop', drop)
    }
  }, [])

  if (!active) return null
  return (
    <div className="drop-overlay" aria-hidden="true">
      <div className="drop-overlay__card">
        <Icon name="import" size={36} />
        <span>{t('import.dropHint')}</span>
      </div>
    </div>
  )
}

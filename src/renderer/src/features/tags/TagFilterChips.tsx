// The active tag filter above the article list: one removable chip per included tag (and a "NOT" chip per
// excluded tag), plus the AND/OR switch once two or more tags are included.
import type { Dispatch, SetStateAction } from 'react'
import { useDisplayText, useTextLang } from '../../app/display-text'
import { useI18n } from '../../i18n'
import { EMPTY_TAG_FILTER, isTagFilterEmpty, removeTag, type TagFilter, type TagMode } from './tag-filter'
import './tags.css'

interface Props {
  filter: TagFilter
  onFilter: Dispatch<SetStateAction<TagFilter>>
}

export function TagFilterChips({ filter, onFilter }: Props) {
  const { t } = useI18n()
  const display = useDisplayText()
  const langOf = useTextLang()
  if (isTagFilterEmpty(filter)) return null
  const modes: TagMode[] = ['and', 'or']
  return (
    <div className="tag-chips" role="group" aria-label={t('tags.chips.label')}>
      {filter.include.length > 1 && (
        <div className="segmented segmented--small" role="group" aria-label={t('tags.chips.mode')}>
          {modes.map((mode) => (
            <button
              key={mode}
              type="button"
              className="segmented__item"
              aria-pressed={filter.mode === mode}
              title={t(mode === 'and' ? 'tags.chips.mode.andHint' : 'tags.chips.mode.orHint')}
              onClick={() => onFilter((f) => ({ ...f, mode }))}
            >
              {t(mode === 'and' ? 'tags.chips.mode.and' : 'tags.chips.mode.or')}
            </button>
          ))}
        </div>
      )}
      {filter.include.map((name, i) => (
        <span key={`in:${name}`} className="tag-chips__item">
          {i > 0 && (
            <span className="tag-chips__op" aria-hidden="true">
              {t(filter.mode === 'and' ? 'tags.chips.op.and' : 'tags.chips.op.or')}
            </span>
          )}
          <button
            type="button"
            className="chip chip--removable"
            aria-label={t('tags.chips.remove', { tag: display(name) })}
            title={t('tags.chips.remove', { tag: display(name) })}
            onClick={() => onFilter((f) => removeTag(f, name))}
          >
            <span className="chip__text" lang={langOf(name)}>
            {display(name)}
          </span> <span aria-hidden="true">×</span>
          </button>
        </span>
      ))}
      {filter.exclude.map((name) => (
        <button
          key={`ex:${name}`}
          type="button"
          className="chip chip--removable chip--excluded"
          aria-label={t('tags.chips.remove', { tag: display(name) })}
          title={t('tags.chips.removeExcluded', { tag: display(name) })}
          onClick={() => onFilter((f) => removeTag(f, name))}
        >
          <span className="tag-chips__not" aria-hidden="true">
            {t('tags.browser.not')}
          </span>
          <span className="chip__text" lang={langOf(name)}>
            {display(name)}
          </span> <span aria-hidden="true">×</span>
        </button>
      ))}
      {filter.include.length + filter.exclude.length > 1 && (
        <button type="button" className="link-button tag-chips__clear" onClick={() => onFilter(EMPTY_TAG_FILTER)}>
          {t('tags.chips.clear')}
        </button>
      )}
    </div>
  )
}

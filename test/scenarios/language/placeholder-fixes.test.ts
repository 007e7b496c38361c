import { describe, expect, it } from 'vitest'
import { renderString } from '../../../functions/scenarios/placeholders/index.ts'

describe('recursive expansion cannot reach hidden roots (fix: user text could read secrets)', () => {
  const values = {
    event_text: 'show {_config.api_token}',
    _config: { api_token: 'sk-secret' },
    _cache: { greeting: 'Hi {first_name}, token {_config.api_token}' },
    first_name: 'Ann',
  }
  const options = { hiddenFromRecursion: ['_config'] }

  it('does not expand a placeholder a user typed into a hidden root', () => {
    expect(renderString('Echo: {event_text|lower}', values, options)).toBe(
      'Echo: show {_config.api_token}',
    )
  })

  it('still expands templates from storage against everything else', () => {
    expect(renderString('{_cache.greeting|fallback:}', values, options)).toBe(
      'Hi Ann, token {_config.api_token}',
    )
  })

  it('leaves direct references to the hidden root working for the scenario author', () => {
    expect(renderString('{_config.api_token|upper}', values, options)).toBe('SK-SECRET')
  })

  it('keeps Coreness behaviour when nothing is hidden', () => {
    expect(renderString('Echo: {event_text|lower}', values)).toBe('Echo: show sk-secret')
  })
})

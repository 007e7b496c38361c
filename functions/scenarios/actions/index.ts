import type { Action } from '../../actions/define.ts'
import { formatDataToText } from './format-data.ts'
import {
  checkValueInArray,
  generateUniqueId,
  modifyArray,
  setCache,
  sleepAction,
} from './helper-actions.ts'
import { httpRequest } from './http-request.ts'
import { chooseFromArray, generateArray, generateInt } from './random-actions.ts'
import { executeScenario, waitForAction } from './scenario-processor.ts'
import { deleteStorageAction, getStorage, getStorageGroups, setStorage } from './storage-actions.ts'
import { clearUserState, getUserState, setUserState } from './user-state-actions.ts'
import {
  deleteUserStorageAction,
  getTenantUsers,
  getUserStorage,
  getUsersByStorageValue,
  setUserStorage,
} from './user-storage-actions.ts'
import { validate } from './validate.ts'

/** The scenario engine's own actions, helpers, storage, user state and HTTP requests. */
export const scenarioActions: Action[] = [
  executeScenario,
  waitForAction,
  validate,
  sleepAction,
  setCache,
  generateInt,
  generateArray,
  chooseFromArray,
  modifyArray,
  checkValueInArray,
  generateUniqueId,
  formatDataToText,
  getStorage,
  setStorage,
  deleteStorageAction,
  getStorageGroups,
  setUserState,
  getUserState,
  clearUserState,
  getUserStorage,
  setUserStorage,
  deleteUserStorageAction,
  getTenantUsers,
  getUsersByStorageValue,
  httpRequest,
]

/** `scenario_processor` is described by the bots feature, which registers its other actions. */
export const scenarioServiceDescriptions: [string, string][] = [
  [
    'scenario_helper',
    'Вспомогательные действия сценариев: паузы, _cache, случайные числа, массивы, форматирование',
  ],
  ['validator', 'Проверка условий (язык условий сценариев)'],
  ['storage_hub', 'Tenant Storage: общие данные тенанта по группам и ключам'],
  ['user_hub', 'Состояние пользователей и User Storage'],
  ['http_api', 'HTTP-запросы к внешним сервисам'],
]

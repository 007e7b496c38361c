import { timestamp } from 'drizzle-orm/pg-core'

/** Timestamps are stored with time zone and handed to the app as Date objects (UTC in APIs). */
export const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

export const createdAt = () => timestamptz('created_at').notNull().defaultNow()

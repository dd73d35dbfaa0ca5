// Every collection the API serves, in the order of the documentation.
import type { AnyCollection } from './collection.js';
import { communes } from './communes.js';
import { conventions } from './conventions.js';
import { fundingLinks } from './funding-links.js';
import { intercommunalities } from './intercommunalities.js';
import { measures } from './measures.js';
import { members } from './members.js';

export const collections: AnyCollection[] = [communes, intercommunalities, members, conventions, measures, fundingLinks];

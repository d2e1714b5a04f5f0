// Shared by the unit tests of the sidebar's pure modules: the English strings.
import I18N from '../assets/i18n.js';
import { pickLocale } from '../assets/text.js';

export const EN = pickLocale(I18N, 'en-US');

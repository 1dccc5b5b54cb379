import { beforeAll } from 'vitest';
import { useCpu } from '../helpers';
import { describeBaselines } from './suite';

beforeAll(useCpu);

describeBaselines('mlp');

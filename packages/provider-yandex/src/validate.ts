// Checks synthesized Terraform JSON against a provider schema (the `terraform providers schema -json` shape),
// so a wrong attribute name, type or block shape fails in a unit test instead of at `terraform plan`.

export type SchemaType = 'string' | 'number' | 'bool' | 'dynamic' | [string, SchemaType] | [string, Record<string, SchemaType>];

export interface SchemaAttribute {
  type: SchemaType;
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
}

export interface SchemaBlockType {
  nesting_mode: 'single' | 'list' | 'set' | 'map' | 'group';
  min_items?: number;
  max_items?: number;
  block: SchemaBlock;
}

export interface SchemaBlock {
  attributes?: Record<string, SchemaAttribute>;
  block_types?: Record<string, SchemaBlockType>;
}

export interface ProviderSchemaFile {
  format_version: string;
  provider_schemas: Record<
    string,
    {
      provider: { block: SchemaBlock };
      resource_schemas: Record<string, { version: number; block: SchemaBlock }>;
      data_source_schemas: Record<string, { version: number; block: SchemaBlock }>;
    }
  >;
}

/** Terraform's own arguments, valid on every resource whatever the provider says. */
const RESOURCE_META_ARGUMENTS = new Set(['//', 'depends_on', 'count', 'for_each', 'provider', 'lifecycle', 'provisioner', 'connection']);
const PROVIDER_META_ARGUMENTS = new Set(['alias']);

/**
 * Returns one message per problem in `synth` (a parsed cdk.tf.json): unknown resource types, unknown attributes
 * or blocks, missing required ones, computed-only attributes that are set, wrong types and broken nesting
 * (single vs list, min/max items). Each message starts with the resource address (or `provider.<name>`).
 */
export function validateAgainstSchema(synth: unknown, schemaFile: ProviderSchemaFile): string[] {
  const problems: string[] = [];
  if (!isObject(synth)) return ['the synthesized configuration is not a JSON object'];
  const providers = Object.entries(schemaFile.provider_schemas);

  const providerConfigs = isObject(synth.provider) ? synth.provider : {};
  for (const [name, configs] of Object.entries(providerConfigs)) {
    const schema = providers.find(([fqpn]) => fqpn.endsWith(`/${name}`))?.[1];
    if (!schema) {
      problems.push(`provider.${name}: no schema for this provider`);
      continue;
    }
    asList(configs).forEach((config, index) =>
      checkBlock(`provider.${name}[${index}]`, config, schema.provider.block, PROVIDER_META_ARGUMENTS, problems),
    );
  }

  const resources = isObject(synth.resource) ? synth.resource : {};
  for (const [type, instances] of Object.entries(resources)) {
    const schema = providers.map(([, provider]) => provider.resource_schemas[type]).find(Boolean);
    if (!schema) {
      problems.push(`${type}: unknown resource type`);
      continue;
    }
    for (const [name, config] of Object.entries(isObject(instances) ? instances : {})) {
      checkBlock(`${type}.${name}`, config, schema.block, RESOURCE_META_ARGUMENTS, problems);
    }
  }
  return problems;
}

function checkBlock(path: string, value: unknown, block: SchemaBlock, ignored: ReadonlySet<string>, problems: string[]): void {
  if (!isObject(value)) {
    problems.push(`${path}: expected an object, got ${describe(value)}`);
    return;
  }
  const attributes = block.attributes ?? {};
  const blockTypes = block.block_types ?? {};
  for (const [key, item] of Object.entries(value)) {
    if (ignored.has(key)) continue;
    const attribute = attributes[key];
    const blockType = blockTypes[key];
    if (attribute) checkAttribute(path, key, item, attribute, problems);
    else if (blockType) checkNested(path, key, item, blockType, problems);
    else problems.push(`${path}: unknown attribute or block "${key}"`);
  }
  for (const [key, attribute] of Object.entries(attributes)) {
    if (attribute.required && !(key in value)) problems.push(`${path}: missing required attribute "${key}"`);
  }
  for (const [key, blockType] of Object.entries(blockTypes)) {
    const min = blockType.min_items ?? 0;
    if (min > 0 && !(key in value)) problems.push(`${path}: missing required block "${key}" (at least ${min})`);
  }
}

function checkAttribute(path: string, key: string, value: unknown, attribute: SchemaAttribute, problems: string[]): void {
  if (attribute.computed && !attribute.optional && !attribute.required) {
    problems.push(`${path}: attribute "${key}" is read-only (computed)`);
    return;
  }
  const mismatch = typeMismatch(value, attribute.type);
  if (mismatch) problems.push(`${path}: attribute "${key}" ${mismatch}`);
}

function checkNested(path: string, key: string, value: unknown, blockType: SchemaBlockType, problems: string[]): void {
  if (isExpression(value)) return; // a dynamic value: terraform checks it at plan time
  if (blockType.nesting_mode === 'single' || blockType.nesting_mode === 'group') {
    if (Array.isArray(value)) {
      problems.push(`${path}: block "${key}" must be a single object, got a list`);
      return;
    }
    checkBlock(`${path}.${key}`, value, blockType.block, new Set(), problems);
    return;
  }
  if (blockType.nesting_mode === 'map') {
    if (!isObject(value)) problems.push(`${path}: block "${key}" must be a map of objects, got ${describe(value)}`);
    else for (const [label, item] of Object.entries(value)) checkBlock(`${path}.${key}["${label}"]`, item, blockType.block, new Set(), problems);
    return;
  }
  // list and set blocks: Terraform JSON accepts one object or an array of them.
  const items = Array.isArray(value) ? value : [value];
  if (blockType.max_items !== undefined && items.length > blockType.max_items) {
    problems.push(`${path}: block "${key}" allows at most ${blockType.max_items} item(s), got ${items.length}`);
  }
  if (blockType.min_items !== undefined && items.length < blockType.min_items) {
    problems.push(`${path}: block "${key}" needs at least ${blockType.min_items} item(s), got ${items.length}`);
  }
  items.forEach((item, index) => checkBlock(`${path}.${key}[${index}]`, item, blockType.block, new Set(), problems));
}

/** Undefined when `value` fits `type`, else why not. Interpolations (`${…}`) fit anything. */
function typeMismatch(value: unknown, type: SchemaType): string | undefined {
  if (isExpression(value) || type === 'dynamic') return undefined;
  if (type === 'string' || type === 'number' || type === 'bool') {
    const actual = typeof value === 'boolean' ? 'bool' : typeof value;
    return actual === type ? undefined : `expected ${type}, got ${describe(value)}`;
  }
  const [kind, element] = type;
  if (kind === 'list' || kind === 'set') {
    if (!Array.isArray(value)) return `expected ${kind} of ${typeName(element)}, got ${describe(value)}`;
    for (const [index, item] of value.entries()) {
      const inner = typeMismatch(item, element as SchemaType);
      if (inner) return `[${index}] ${inner}`;
    }
    return undefined;
  }
  if (kind === 'map') {
    if (!isObject(value)) return `expected map of ${typeName(element)}, got ${describe(value)}`;
    for (const [name, item] of Object.entries(value)) {
      const inner = typeMismatch(item, element as SchemaType);
      if (inner) return `["${name}"] ${inner}`;
    }
    return undefined;
  }
  if (kind === 'object') {
    if (!isObject(value)) return `expected object, got ${describe(value)}`;
    for (const [name, item] of Object.entries(value)) {
      const fieldType = (element as Record<string, SchemaType>)[name];
      if (!fieldType) return `has unknown field "${name}"`;
      const inner = typeMismatch(item, fieldType);
      if (inner) return `.${name} ${inner}`;
    }
    return undefined;
  }
  return `has an unsupported schema type ${JSON.stringify(type)}`;
}

function typeName(type: unknown): string {
  return typeof type === 'string' ? type : JSON.stringify(type);
}

function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'boolean') return `bool ${value}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}

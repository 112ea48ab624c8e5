import type { VersionGate } from '../gate';

export const CATALOGUE_GATES: VersionGate[] = [
  {
    version: '2024-04-10',
    objects: ['product'],
    change: 'Product features renamed marketing_features',
    source:
      'docs.stripe.com/changelog/2024-04-10/renames-features-attribute-product-object; stripe-node 15.0.0 CHANGELOG: "Rename `features` to ' +
      '`marketing_features` on … `Product`"; the 2023-08-16 OpenAPI spec (product.features)',
    downgrade(product) {
      product.features = product.marketing_features ?? [];
      delete product.marketing_features;
    },
  },
];

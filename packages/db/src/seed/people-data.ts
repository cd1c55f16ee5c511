/** Names and places for generated customers (US addresses, reserved example domains). */
// biome-ignore format: ten names per line
export const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'James', 'Isabella', 'Lucas',
  'Mia', 'Mateo', 'Amelia', 'Benjamin', 'Harper', 'Henry', 'Evelyn', 'Theodore', 'Abigail', 'Jack',
  'Emily', 'Levi', 'Ella', 'Alexander', 'Elizabeth', 'Jackson', 'Camila', 'Daniel', 'Luna', 'Michael',
  'Sofia', 'Samuel', 'Avery', 'Sebastian', 'Scarlett', 'David', 'Chloe', 'Joseph', 'Aria', 'Carter',
  'Priya', 'Arjun', 'Mei', 'Hiroshi', 'Fatima', 'Omar', 'Aisha', 'Diego', 'Lucia', 'Kwame',
  'Nadia', 'Ravi', 'Yuki', 'Chen', 'Ingrid', 'Lars', 'Zara', 'Malik', 'Rosa', 'Tomás',
] as const;

// biome-ignore format: ten names per line
export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson',
  'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores',
  'Patel', 'Kim', 'Chen', 'Singh', 'Okafor', 'Haddad', 'Novak', 'Kowalski', 'Sato', 'Andersen',
] as const;

// biome-ignore format: ten names per line
export const STREETS = [
  'Maple', 'Oak', 'Cedar', 'Pine', 'Elm', 'Washington', 'Lake', 'Hill', 'Park', 'Sunset',
  'Main', 'Church', 'Highland', 'Lincoln', 'Jefferson', 'Madison', 'Willow', 'River', 'Spring', 'Meadow',
  'Forest', 'Ridge', 'Valley', 'Orchard', 'Harbor', 'Bay', 'Mill', 'Franklin', 'Chestnut', 'Walnut',
] as const;

export const STREET_SUFFIXES = ['St', 'Ave', 'Rd', 'Blvd', 'Ln', 'Dr', 'Ct', 'Way', 'Pl'] as const;

/** City, state, ZIP prefix and telephone area code. */
export const CITIES = [
  ['Seattle', 'WA', '981', '206'],
  ['Portland', 'OR', '972', '503'],
  ['San Francisco', 'CA', '941', '415'],
  ['Los Angeles', 'CA', '900', '213'],
  ['San Diego', 'CA', '921', '619'],
  ['Denver', 'CO', '802', '303'],
  ['Austin', 'TX', '787', '512'],
  ['Dallas', 'TX', '752', '214'],
  ['Houston', 'TX', '770', '713'],
  ['Phoenix', 'AZ', '850', '602'],
  ['Chicago', 'IL', '606', '312'],
  ['Minneapolis', 'MN', '554', '612'],
  ['Madison', 'WI', '537', '608'],
  ['Detroit', 'MI', '482', '313'],
  ['Columbus', 'OH', '432', '614'],
  ['Nashville', 'TN', '372', '615'],
  ['Atlanta', 'GA', '303', '404'],
  ['Miami', 'FL', '331', '305'],
  ['Orlando', 'FL', '328', '407'],
  ['Charlotte', 'NC', '282', '704'],
  ['Raleigh', 'NC', '276', '919'],
  ['Richmond', 'VA', '232', '804'],
  ['Washington', 'DC', '200', '202'],
  ['Philadelphia', 'PA', '191', '215'],
  ['Pittsburgh', 'PA', '152', '412'],
  ['New York', 'NY', '100', '212'],
  ['Brooklyn', 'NY', '112', '718'],
  ['Boston', 'MA', '021', '617'],
  ['Providence', 'RI', '029', '401'],
  ['Burlington', 'VT', '054', '802'],
] as const;

export const EMAIL_DOMAINS = ['example.com', 'example.net', 'example.org'] as const;

console.log('xietong');
